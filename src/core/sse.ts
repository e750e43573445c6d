// Server-sent events framing (the WHATWG event-stream format, as openai-node reads it): lines end in \n, \r\n or \r;
// a blank line ends an event; lines starting with ':' are comments; `data:` lines join with '\n'; one space after
// the colon is dropped. Events are yielded the moment their blank line arrives.

export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

export class SseDecoder {
  private buffer = '';
  /** How much of `buffer` is known to hold no line end. */
  private scanned = 0;
  private data: string[] = [];
  private event: string | undefined;
  private id: string | undefined;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseEvent[] {
    // A partial image is one `data:` line of hundreds of KB arriving in many chunks: only the new text is searched
    // for line ends (with indexOf), so an event costs time linear in its size, not in its size times its chunks.
    const buf = (this.buffer += text);
    const events: SseEvent[] = [];
    let start = 0;
    let from = this.scanned;
    let cr = -2; // position of the next '\r' at or after `from`; -1: none; -2: not searched yet
    for (;;) {
      const lf = buf.indexOf('\n', from);
      if (cr !== -1 && cr < from) cr = buf.indexOf('\r', from);
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      if (end === -1) {
        this.scanned = buf.length - start;
        break;
      }
      // A '\r' at the very end may be the first half of '\r\n': wait for the next chunk and look at it again.
      if (end === buf.length - 1 && buf[end] === '\r') {
        this.scanned = end - start;
        break;
      }
      this.line(buf.slice(start, end), events);
      start = end + (buf[end] === '\r' && buf[end + 1] === '\n' ? 2 : 1);
      from = start;
    }
    this.buffer = buf.slice(start);
    return events;
  }

  /** Ends the stream: a pending line and a pending event (no closing blank line) are still delivered. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer.length > 0) {
      this.line(this.buffer.replace(/\r$/, ''), events);
      this.buffer = '';
      this.scanned = 0;
    }
    this.dispatch(events);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        this.id = value;
        break;
      default:
        break; // `retry` and unknown fields are ignored
    }
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data.length > 0 || this.event !== undefined) {
      const event: SseEvent = { data: this.data.join('\n') };
      if (this.event !== undefined) event.event = this.event;
      if (this.id !== undefined) event.id = this.id;
      events.push(event);
    }
    this.data = [];
    this.event = undefined;
  }
}

/** Reads SSE events from a byte stream, yielding each as soon as it is complete. Stops at `[DONE]` or the end. */
export async function* readSse(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new SseDecoder();
  const text = new TextDecoder('utf-8');
  for await (const chunk of body) {
    const events = decoder.push(typeof chunk === 'string' ? chunk : text.decode(chunk, { stream: true }));
    for (const event of events) {
      if (event.data === '[DONE]') return;
      yield event;
    }
  }
  const rest = text.decode();
  for (const event of [...decoder.push(rest), ...decoder.end()]) {
    if (event.data === '[DONE]') return;
    yield event;
  }
}
