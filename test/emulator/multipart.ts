// A streaming multipart/form-data parser. File parts are never held whole: their bytes are counted as they pass
// and only a bounded head (for format sniffing and image dimensions) is kept.

import type { Readable } from 'node:stream';

export interface ParsedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  /** The first bytes of the file (at most `headLimit`). */
  head: Buffer;
  /** Seconds of audio, when a `meter` measured them from every byte (MP3 frames); undefined otherwise. */
  seconds?: number;
  /** The voice heard in each half second (voices.ts), when a `meter` could hear the audio; undefined otherwise. */
  voices?: number[];
}

/** Measures a file from all of its bytes as they stream past (nothing is kept). */
export interface FileMeter {
  push(data: Buffer): void;
  seconds(): number | undefined;
  voices?(): number[] | undefined;
}

export interface ParsedForm {
  fields: Record<string, string[]>;
  files: ParsedFile[];
}

export class MultipartError extends Error {}

export interface MultipartOptions {
  /** Bytes of each file kept in memory for inspection. */
  headLimit?: number;
  /** Bytes a text field may hold. */
  fieldLimit?: number;
  /** Called as file bytes stream past, with the running size of that file; throw to stop. */
  onFileBytes?: (file: ParsedFile) => void;
  /** Called with the running total of body bytes. */
  onBodyBytes?: (total: number) => void;
  /** A meter per file part. */
  meter?: () => FileMeter;
}

/** The boundary of a `multipart/form-data` content type, or undefined when there is none. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function dispositionParam(disposition: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i');
  const m = re.exec(disposition);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

type State = 'preamble' | 'headers' | 'body' | 'afterBoundary' | 'done';

export async function parseMultipart(stream: Readable, boundary: string, options: MultipartOptions = {}): Promise<ParsedForm> {
  const headLimit = options.headLimit ?? 512 * 1024;
  const fieldLimit = options.fieldLimit ?? 1024 * 1024;
  const dashBoundary = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const form: ParsedForm = { fields: {}, files: [] };

  let state = 'preamble' as State;
  let buf: Buffer = Buffer.alloc(0);
  let total = 0;
  let current: { name: string; file?: ParsedFile; headChunks: Buffer[]; text: Buffer[]; textSize: number; meter?: FileMeter } | undefined;

  const emit = (data: Buffer): void => {
    if (!current || data.length === 0) return;
    if (current.file) {
      const f = current.file;
      const keep = Math.min(data.length, headLimit - f.size);
      if (keep > 0) current.headChunks.push(Buffer.from(data.subarray(0, keep)));
      current.meter?.push(data);
      f.size += data.length;
      options.onFileBytes?.(f);
    } else {
      current.textSize += data.length;
      if (current.textSize > fieldLimit) throw new MultipartError(`The form field '${current.name}' is too long.`);
      current.text.push(Buffer.from(data));
    }
  };
  const finishPart = (): void => {
    if (!current) return;
    if (current.file) {
      current.file.head = Buffer.concat(current.headChunks);
      const seconds = current.meter?.seconds();
      if (seconds !== undefined) current.file.seconds = seconds;
      const voices = current.meter?.voices?.();
      if (voices !== undefined) current.file.voices = voices;
      form.files.push(current.file);
    } else {
      (form.fields[current.name] ??= []).push(Buffer.concat(current.text).toString('utf8'));
    }
    current = undefined;
  };

  const step = (): boolean => {
    switch (state) {
      case 'preamble': {
        const i = buf.indexOf(dashBoundary);
        if (i < 0) {
          if (buf.length > dashBoundary.length) buf = buf.subarray(buf.length - dashBoundary.length);
          return false;
        }
        buf = buf.subarray(i + dashBoundary.length);
        state = 'afterBoundary';
        return true;
      }
      case 'afterBoundary': {
        if (buf.length < 2) return false;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          return false;
        }
        // Transport padding (spaces, tabs) may precede the CRLF.
        const crlf = buf.indexOf('\r\n');
        if (crlf < 0) {
          if (buf.length > 1024) throw new MultipartError('Malformed multipart boundary line.');
          return false;
        }
        if (buf.subarray(0, crlf).toString('latin1').trim() !== '') throw new MultipartError('Malformed multipart boundary line.');
        buf = buf.subarray(crlf + 2);
        state = 'headers';
        return true;
      }
      case 'headers': {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buf.length > 16 * 1024) throw new MultipartError('Multipart part headers are too long.');
          return false;
        }
        const headers = parseHeaders(buf.subarray(0, end).toString('utf8'));
        buf = buf.subarray(end + 4);
        const disposition = headers['content-disposition'];
        if (!disposition || !/^form-data\b/i.test(disposition)) throw new MultipartError('A multipart part lacks a form-data ' +
          'Content-Disposition.');
        const name = dispositionParam(disposition, 'name');
        if (name === undefined) throw new MultipartError('A multipart part has no name.');
        const filename = dispositionParam(disposition, 'filename');
        current = { name, headChunks: [], text: [], textSize: 0 };
        if (filename !== undefined) {
          current.file = { field: name, filename, contentType: headers['content-type'] ?? '', size: 0, head: Buffer.alloc(0) };
          current.meter = options.meter?.();
        }
        state = 'body';
        return true;
      }
      case 'body': {
        const i = buf.indexOf(delimiter);
        if (i < 0) {
          // Everything but a possible partial delimiter at the end is part data.
          const safe = buf.length - delimiter.length;
          if (safe > 0) {
            emit(buf.subarray(0, safe));
            buf = buf.subarray(safe);
          }
          return false;
        }
        emit(buf.subarray(0, i));
        finishPart();
        buf = buf.subarray(i + delimiter.length);
        state = 'afterBoundary';
        return true;
      }
      case 'done':
        return false;
    }
  };

  // A malformed body is still read to its end, so the error answer reaches a client that is still uploading.
  let failure: Error | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    options.onBodyBytes?.(total);
    if (state === 'done' || failure !== undefined) continue; // epilogue, or draining after an error
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    try {
      while (step()) {
        /* keep consuming */
      }
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
    }
  }
  if (failure !== undefined) throw failure;
  if (state !== 'done') throw new MultipartError('The multipart body ended before its closing boundary.');
  return form;
}
