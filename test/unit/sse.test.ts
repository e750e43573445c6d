import assert from 'node:assert/strict';
import { SseDecoder, readSse, type SseEvent } from '../../src/core/sse';

async function collect(chunks: Array<string | Uint8Array>): Promise<SseEvent[]> {
  // eslint-disable-next-line @typescript-eslint/require-await -- an async iterable of ready chunks, as a socket delivers them
  async function* source() {
    for (const c of chunks) yield c;
  }
  const out: SseEvent[] = [];
  for await (const e of readSse(source())) out.push(e);
  return out;
}

describe('SSE parser', () => {
  it('reads event and data lines, one event per blank line', async () => {
    const events = await collect(['event: image_generation.partial_image\ndata: {"a":1}\n\nevent: x\ndata: {"b":2}\n\n']);
    assert.deepEqual(events, [
      { event: 'image_generation.partial_image', data: '{"a":1}' },
      { event: 'x', data: '{"b":2}' },
    ]);
  });

  it('ignores comment lines and unknown fields, keeps ids', async () => {
    const events = await collect([': keep-alive\n\n:another\nretry: 100\nid: 7\nfoo: bar\ndata: x\n\n']);
    assert.deepEqual(events, [{ data: 'x', id: '7' }]);
  });

  it('joins multi-line data with \\n and strips exactly one leading space', async () => {
    const events = await collect(['data: line1\ndata:line2\ndata:  two spaces\n\n']);
    assert.equal(events[0].data, 'line1\nline2\n two spaces');
  });

  it('accepts \\r\\n and lone \\r line endings, even split across chunks', async () => {
    const events = await collect(['data: a\r', '\n\r', '\ndata: b\r\rdata: c\r', '\r']);
    assert.deepEqual(events.map((e) => e.data), ['a', 'b', 'c']);
  });

  it('handles events split at any byte, including inside a UTF-8 character', async () => {
    const text = 'event: e\ndata: {"t":"héllo ✓"}\n\n';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
      assert.deepEqual(events, [{ event: 'e', data: '{"t":"héllo ✓"}' }], `cut at ${cut}`);
    }
  });

  it('stops at [DONE] and ignores what follows', async () => {
    const events = await collect(['data: 1\n\ndata: [DONE]\n\ndata: 2\n\n']);
    assert.deepEqual(events.map((e) => e.data), ['1']);
  });

  it('delivers a last event without a closing blank line at EOF', async () => {
    const events = await collect(['data: 1\n\ndata: tail']);
    assert.deepEqual(events.map((e) => e.data), ['1', 'tail']);
  });

  it('yields each event before the next chunk is read', async () => {
    const seen: string[] = [];
    let released: () => void = () => {};
    const gate = new Promise<void>((r) => (released = r));
    async function* source() {
      yield 'data: first\n\n';
      seen.push('producer waiting');
      await gate;
      yield 'data: second\n\n';
    }
    for await (const e of readSse(source())) {
      seen.push(e.data);
      if (e.data === 'first') released();
    }
    assert.deepEqual(seen, ['first', 'producer waiting', 'second']);
  });

  it('a bare field name with no colon counts as an empty value', () => {
    const d = new SseDecoder();
    assert.deepEqual(d.push('data\n\n'), [{ data: '' }]);
    assert.deepEqual(d.push('event: only\n\n'), [{ event: 'only', data: '' }]);
  });

  it('reads a data line of hundreds of KB fed in small chunks, with \\r\\n split between chunks', () => {
    const payload = 'A'.repeat(300_000);
    const wire = `event: image.partial_image\r\ndata: ${payload}\r\n\r\nevent: next\rdata: 2\r\r`;
    const d = new SseDecoder();
    const events = [];
    const cuts = new Set([0, wire.length, wire.indexOf(`${payload}\r`) + payload.length + 1]); // one cut between \r and \n
    for (let i = 0; i < wire.length; i += 4093) cuts.add(i);
    const at = [...cuts].sort((a, b) => a - b);
    for (let k = 0; k < at.length - 1; k++) events.push(...d.push(wire.slice(at[k], at[k + 1])));
    events.push(...d.end());
    assert.equal(events.length, 2);
    assert.equal(events[0].event, 'image.partial_image');
    assert.equal(events[0].data, payload);
    assert.deepEqual(events[1], { event: 'next', data: '2' });
  });
});
