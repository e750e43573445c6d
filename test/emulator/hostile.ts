// The hostile endpoint (issue 17): answers a real service never sends, made to exhaust a client that does not bound
// what it reads. Each is written lazily (never held in memory here), with backpressure, until the client hangs up.
import type * as http from 'node:http';

export type HostileKind = 'hostile-endless-line' | 'hostile-partial-flood' | 'hostile-huge-json';
export const HOSTILE_KINDS: readonly HostileKind[] = ['hostile-endless-line', 'hostile-partial-flood', 'hostile-huge-json'];

/** Partial images in a flood: thousands, where a client asked for at most 3. */
export const FLOOD_PARTIALS = 10_000;
/** The size the huge JSON answer announces and sends: more than a client should ever hold. */
export const HUGE_JSON_BYTES = 300 * 1024 * 1024;

/** A 1×1 PNG: a valid partial image, so only the count is wrong. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const CHUNK = Buffer.alloc(64 * 1024, 'A');

function write(res: http.ServerResponse, chunk: Buffer | string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

export async function writeHostile(
  res: http.ServerResponse,
  kind: HostileKind,
  operation: string | undefined,
  headers: Record<string, string>,
): Promise<void> {
  const prefix = operation === 'edits' ? 'image_edit' : 'image_generation';
  switch (kind) {
    case 'hostile-endless-line':
      // One `data:` line that never ends.
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8' });
      if (!(await write(res, 'data: '))) return;
      while (await write(res, CHUNK));
      return;
    case 'hostile-partial-flood': {
      res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8' });
      for (let i = 0; i < FLOOD_PARTIALS; i++) {
        const data = JSON.stringify({ type: `${prefix}.partial_image`, b64_json: TINY_PNG, partial_image_index: i, output_format: 'png' });
        if (!(await write(res, `event: ${prefix}.partial_image\ndata: ${data}\n\n`))) return;
      }
      const done = JSON.stringify({ type: `${prefix}.completed`, b64_json: TINY_PNG, output_format: 'png', created_at: 1700000000 });
      await write(res, `event: ${prefix}.completed\ndata: ${done}\n\n`);
      res.end();
      return;
    }
    case 'hostile-huge-json': {
      // Valid JSON once whole: a transcript's text and an image's base64, 300 MB of it.
      const head = Buffer.from('{"text":"x","created":1700000000,"data":[{"b64_json":"');
      const tail = Buffer.from('"}]}');
      res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-length': String(HUGE_JSON_BYTES) });
      if (!(await write(res, head))) return;
      let left = HUGE_JSON_BYTES - head.length - tail.length;
      while (left > 0) {
        const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
        if (!(await write(res, piece))) return;
        left -= piece.length;
      }
      await write(res, tail);
      res.end();
      return;
    }
  }
}
