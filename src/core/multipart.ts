// multipart/form-data bodies streamed through `form-data`: file parts are read from disk while the request is sent,
// so a 25 MB upload never sits whole in memory. Each call builds a fresh body (a retry re-opens the files).
import FormData from 'form-data';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { mimeTypeForName } from './media';
import type { UploadSource } from './types';

export type FieldValue = string | number | boolean | undefined;

export interface MultipartPart {
  /** The form field name as sent: arrays use their `[]` name (`image[]`, `timestamp_granularities[]`). */
  name: string;
  value?: FieldValue;
  file?: UploadSource;
}

export interface MultipartBody {
  body: Readable;
  headers: Record<string, string>;
  /** Stops reading: closes every open file. */
  destroy(error?: Error): void;
}

/** Builds the parts list from plain fields (undefined skipped, arrays repeated under `name[]`) and files. */
export function formParts(fields: Record<string, FieldValue | FieldValue[]>, files: MultipartPart[]): MultipartPart[] {
  const parts: MultipartPart[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) {
      for (const item of value) if (item !== undefined) parts.push({ name: `${name}[]`, value: item });
    } else if (value !== undefined) {
      parts.push({ name, value });
    }
  }
  return [...parts, ...files];
}

/** A fresh streaming body for the parts. Files given by path are opened now and read as the request drains them. */
export async function createMultipartBody(parts: MultipartPart[]): Promise<MultipartBody> {
  const form = new FormData();
  const opened: Readable[] = [];
  for (const part of parts) {
    if (part.file) {
      const { file } = part;
      const contentType = mimeTypeForName(file.name);
      if (file.path !== undefined && file.range) {
        // A part of a long recording: its own header, then a byte range of the file, read as the request drains it.
        const { start, end } = file.range;
        const header = Buffer.from(file.header ?? new Uint8Array(0));
        const data = end > start ? createReadStream(file.path, { start, end: end - 1, highWaterMark: 64 * 1024 }) : undefined;
        const stream = Readable.from(withHeader(header, data), { objectMode: false });
        opened.push(stream);
        if (data) opened.push(data);
        form.append(part.name, stream, { filename: file.name, contentType, knownLength: header.length + Math.max(0, end - start) });
      } else if (file.path !== undefined) {
        const { size } = await stat(file.path);
        const stream = createReadStream(file.path, { highWaterMark: 64 * 1024 });
        opened.push(stream);
        form.append(part.name, stream, { filename: file.name, contentType, knownLength: size });
      } else {
        const data = Buffer.from(file.data?.buffer ?? new ArrayBuffer(0), file.data?.byteOffset ?? 0, file.data?.byteLength ?? 0);
        form.append(part.name, data, { filename: file.name, contentType, knownLength: data.length });
      }
    } else if (part.value !== undefined) {
      form.append(part.name, String(part.value));
    }
  }
  const headers: Record<string, string> = { 'content-type': form.getHeaders()['content-type'] as string };
  if (form.hasKnownLength()) headers['content-length'] = String(form.getLengthSync());
  const stream = new PassThrough({ highWaterMark: 64 * 1024 });
  const destroy = (error?: Error) => {
    for (const file of opened) file.destroy();
    if (!stream.destroyed) stream.destroy(error);
  };
  form.on('error', (err: Error) => destroy(err));
  for (const file of opened) file.on('error', (err) => destroy(err));
  stream.on('close', () => {
    for (const file of opened) file.destroy();
  });
  form.pipe(stream);
  return { body: stream, headers, destroy };
}

async function* withHeader(header: Buffer, data: Readable | undefined): AsyncGenerator<Buffer> {
  if (header.length) yield header;
  if (data) for await (const chunk of data) yield chunk as Buffer;
}
