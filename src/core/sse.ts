// Server-sent events framing (the WHATWG event-stream format, as openai-node reads it): lines end in \n, \r\n or \r;
// a blank line ends an event; lines starting with ':' are comments; `data:` lines join with '\n'; one space after
// the colon is dropped. Events are yielded the moment their blank line arrives.

export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/** Bounds on what one stream may make the decoder hold (characters). */
export interface SseLimits {
  /** One line (a partial image's `data:` line is the longest a service sends: a few MB). */
  maxLine: number;
  /** One event's data lines together. */
  maxEvent: number;
}

/** 64 MB each: ten times a 4K image's base64, far below what would exhaust the extension host. */
export const SSE_LIMITS: SseLimits = { maxLine: 64 * 1024 * 1024, maxEvent: 64 * 1024 * 1024 };

/** A line or an event over its limit: the stream is abandoned (`limit` says which, `max` its size in characters). */
export class SseTooLargeError extends Error {
  constructor(
    readonly limit: 'line' | 'event',
    readonly max: number,
  ) {
    super(`a server-sent ${limit} over ${max} characters`);
    this.name = 'SseTooLargeError';
  }
}

export class SseDecoder {
  /** The pieces of the line being received: joined once, when its end arrives (never re-copied per chunk). */
  private pending: string[] = [];
  private pendingLength = 0;
  /** The last chunk ended in '\r': a '\n' starting the next one belongs to it. */
  private skipLf = false;
  private data: string[] = [];
  private dataLength = 0;
  private event: string | undefined;
  private id: string | undefined;

  constructor(private readonly limits: SseLimits = SSE_LIMITS) {}

  /** Feeds decoded text; returns the events it completed. Throws SseTooLargeError past a limit. */
  push(text: string): SseEvent[] {
    // Only the new text is searched for line ends: a partial image is one `data:` line of hundreds of KB arriving in
    // many chunks, and a hostile one never ends; each chunk costs time linear in its own size.
    const events: SseEvent[] = [];
    let start = 0;
    if (this.skipLf && text.startsWith('\n')) start = 1;
    this.skipLf = false;
    let lf = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    while (lf !== -1 || cr !== -1) {
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      const piece = text.slice(start, end);
      this.checkLine(piece.length);
      const line = this.pending.length ? this.pending.join('') + piece : piece;
      this.pending = [];
      this.pendingLength = 0;
      this.line(line, events);
      if (text[end] === '\r' && text[end + 1] === '\n') start = end + 2;
      else {
        start = end + 1;
        if (text[end] === '\r' && start === text.length) this.skipLf = true;
      }
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    }
    if (start < text.length) {
      const rest = text.slice(start);
      this.checkLine(rest.length);
      this.pending.push(rest);
      this.pendingLength += rest.length;
    }
    return events;
  }

  /** Ends the stream: a pending line and a pending event (no closing blank line) are still delivered. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.pendingLength > 0) {
      this.line(this.pending.join(''), events);
      this.pending = [];
      this.pendingLength = 0;
    }
    this.dispatch(events);
    return events;
  }

  private checkLine(adding: number): void {
    if (this.pendingLength + adding > this.limits.maxLine) throw new SseTooLargeError('line', this.limits.maxLine);
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
        this.dataLength += value.length + 1;
        if (this.dataLength > this.limits.maxEvent) throw new SseTooLargeError('event', this.limits.maxEvent);
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
    this.dataLength = 0;
    this.event = undefined;
  }
}

/** Reads SSE events from a byte stream, yielding each as soon as it is complete. Stops at `[DONE]` or the end. */
export async function* readSse(body: AsyncIterable<Uint8Array | string>, limits?: SseLimits): AsyncGenerator<SseEvent> {
  const decoder = new SseDecoder(limits);
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
