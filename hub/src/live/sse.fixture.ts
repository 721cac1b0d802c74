/** @module Reads a server-sent-events stream in tests: waits for a message that matches. */

/** One message of the stream; `comment` lines (heartbeats) and `retry:` come as their own kinds. */
export interface SseMessage {
  event: string;
  data: unknown;
}

/** A reader over a `text/event-stream` body. */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<string>;
  readonly #seen: SseMessage[] = [];
  #buffer = '';
  #ended = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body
      .pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>)
      .getReader();
  }

  /** Whether the server ended the stream. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Every message read so far. */
  get seen(): readonly SseMessage[] {
    return this.#seen;
  }

  /** Resolves with the first message (already read or still to come) that `match` accepts. */
  async next(match: (m: SseMessage) => boolean): Promise<SseMessage> {
    for (;;) {
      const found = this.#seen.find(match);
      if (found) return found;
      if (this.#ended) throw new Error('the stream ended before the message came');
      await this.#read();
    }
  }

  /** Resolves when the server ends the stream. */
  async end(): Promise<void> {
    while (!this.#ended) await this.#read();
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => undefined);
  }

  async #read(): Promise<void> {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await this.#reader.read();
    } catch {
      this.#ended = true;
      return;
    }
    if (chunk.done) {
      this.#ended = true;
      return;
    }
    this.#buffer += chunk.value;
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      this.#parse(this.#buffer.slice(0, end));
      this.#buffer = this.#buffer.slice(end + 2);
      end = this.#buffer.indexOf('\n\n');
    }
  }

  #parse(block: string): void {
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.#seen.push({ event: 'comment', data: line.slice(1).trim() });
      else if (line.startsWith('retry:'))
        this.#seen.push({ event: 'retry', data: Number(line.slice(6)) });
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (data) this.#seen.push({ event, data: JSON.parse(data) });
  }
}
