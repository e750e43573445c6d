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
  private data: string[] = [];
  private event: string | undefined;
  private id: string | undefined;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      // A '\r' at the very end may be the first half of '\r\n': wait for the next chunk.
      if (ch === '\r' && i === this.buffer.length - 1) break;
      this.line(this.buffer.slice(start, i), events);
      if (ch === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** Ends the stream: a pending line and a pending event (no closing blank line) are still delivered. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer.length > 0) {
      this.line(this.buffer.replace(/\r$/, ''), events);
      this.buffer = '';
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
