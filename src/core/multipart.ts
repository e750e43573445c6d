// multipart/form-data bodies with a fixed Content-Length. A file given by path is read from disk while the request
// is sent, into two buffers that are reused for the whole upload, so a 25 MB recording costs 2 × CHUNK of memory
// whatever its size. Each call builds a fresh body (a retry re-opens the files).
import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { mimeTypeForName } from './media';
import { msg, WordedError } from './messages';
import type { UploadSource } from './types';

export type FieldValue = string | number | boolean | undefined;

export interface MultipartPart {
  /** The form field name as sent: arrays use their `[]` name (`image[]`, `timestamp_granularities[]`). */
  name: string;
  value?: FieldValue;
  file?: UploadSource;
}

export interface MultipartBody {
  /** One buffer when every part is in memory; otherwise chunks pulled by the HTTP client as the socket drains. */
  body: Buffer | AsyncIterable<Uint8Array>;
  headers: Record<string, string>;
  /** Stops reading: closes every open file. */
  destroy(error?: Error): void;
}

/**
 * Bytes read from disk per chunk. Larger than any socket's high-water mark (16 KiB on Node 20, 64 KiB on Node 22), so
 * every chunk write returns false and the HTTP client waits for 'drain', i.e. for the socket to be done with every
 * byte it was given, before it pulls the next chunk: only then may a buffer be filled again.
 */
export const CHUNK = 256 * 1024;

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

/** A name or file name inside a quoted header parameter, escaped the way browsers do it. */
function quoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Bytes in memory, or `size` bytes of an open file from `start` on. */
type Segment = { bytes: Uint8Array } | { file: FileHandle; start: number; size: number; name: string };

/** A fresh body for the parts. Files given by path are opened now (so a missing file fails before any request). */
export async function createMultipartBody(parts: MultipartPart[]): Promise<MultipartBody> {
  const boundary = `----AzureOpenAIMedia${randomBytes(12).toString('hex')}`;
  const segments: Segment[] = [];
  const opened: FileHandle[] = [];
  let text = '';
  const flushText = () => {
    if (text) segments.push({ bytes: Buffer.from(text, 'utf8') });
    text = '';
  };
  try {
    for (const part of parts) {
      if (part.file) {
        const { file } = part;
        text +=
          `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"; filename="${quoted(file.name)}"\r\n` +
          `Content-Type: ${mimeTypeForName(file.name)}\r\n\r\n`;
        flushText();
        if (file.path !== undefined) {
          const handle = await open(file.path, 'r');
          opened.push(handle);
          if (file.range) {
            // A part of a long recording: its own header (a WAV part's), then a byte range of the file.
            if (file.header?.byteLength) segments.push({ bytes: file.header });
            const { start, end } = file.range;
            segments.push({ file: handle, start, size: Math.max(0, end - start), name: file.name });
          } else {
            const { size } = await handle.stat();
            segments.push({ file: handle, start: 0, size, name: file.name });
          }
        } else {
          segments.push({ bytes: file.data ?? new Uint8Array(0) });
        }
        text += '\r\n';
      } else if (part.value !== undefined) {
        text += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"\r\n\r\n${String(part.value)}\r\n`;
      }
    }
    text += `--${boundary}--\r\n`;
    flushText();
  } catch (err) {
    await Promise.all(opened.map((h) => h.close().catch(() => undefined)));
    throw err;
  }

  const length = segments.reduce((sum, s) => sum + ('bytes' in s ? s.bytes.byteLength : s.size), 0);
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) };
  let closed = false;
  const destroy = (): void => {
    if (closed) return;
    closed = true;
    for (const handle of opened) void handle.close().catch(() => undefined);
  };
  if (!opened.length) {
    // Everything is in memory already (fields, small images): one buffer, one write.
    const body = Buffer.concat(segments.map((s) => ('bytes' in s ? s.bytes : new Uint8Array(0))));
    return { body, headers, destroy };
  }
  return { body: chunks(segments, () => closed, destroy), headers, destroy };
}

/**
 * The body's bytes in order. A file is read into two buffers in turn: while the socket sends one, the next chunk is
 * read into the other, and a buffer is refilled only after the client pulled the next value, which it does only once
 * the socket has drained (see CHUNK). Nothing else is allocated per chunk.
 */
async function* chunks(segments: Segment[], isClosed: () => boolean, close: () => void): AsyncGenerator<Uint8Array> {
  let buffers: [Buffer, Buffer] | undefined;
  try {
    for (const segment of segments) {
      if ('bytes' in segment) {
        if (segment.bytes.byteLength) yield segment.bytes;
        continue;
      }
      buffers ??= [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
      const { file, start, size, name } = segment;
      const read = async (target: Buffer, position: number): Promise<Buffer> => {
        const want = Math.min(CHUNK, size - position);
        let got = 0;
        while (got < want) {
          if (isClosed()) throw new WordedError(msg('upload.stopped'));
          const { bytesRead } = await file.read(target, got, want - got, start + position + got);
          if (bytesRead === 0) throw new WordedError(msg('upload.shrank', { name }));
          got += bytesRead;
        }
        return target.subarray(0, want);
      };
      let position = 0;
      let turn = 0;
      let next = size > 0 ? read(buffers[0], 0) : undefined;
      while (next) {
        const current = await next;
        position += current.length;
        turn ^= 1;
        // Read ahead into the other buffer while this one is on the wire.
        next = position < size ? read(buffers[turn], position) : undefined;
        // Unhandled until awaited: a failed read-ahead is reported by the next loop turn (or dropped when we stop).
        next?.catch(() => undefined);
        yield current;
      }
    }
  } finally {
    close();
  }
}
