/**
 * @module One server-sent-events stream to one client: messages, heartbeat comments, the
 * `retry:` hint, and an end that the hub can call when it closes.
 */

const encoder = new TextEncoder();

/** A client's open stream. */
export interface SseClient {
  /** Sends one message; a no-op once closed. */
  send(event: string, data: unknown): void;
  /** Ends the stream (hub closing, client gone). */
  close(): void;
  readonly closed: boolean;
}

export interface SseOptions {
  /** Milliseconds between heartbeat comments, which keep proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Reconnection delay the browser should use, sent as `retry:`. */
  retryMs: number;
  /** Called once when the stream ends, whoever ended it. */
  onClose(): void;
  /** The request's signal: the client going away ends the stream. */
  signal: AbortSignal;
}

/** A streaming `text/event-stream` response and the handle to write to it. */
export function openSse(options: SseOptions): { response: Response; client: SseClient } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      client.close();
    }
  };
  const client: SseClient = {
    send(event, data) {
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      options.signal.removeEventListener('abort', onAbort);
      try {
        controller.close();
      } catch {
        // Already cancelled by the client.
      }
      options.onClose();
    },
    get closed() {
      return closed;
    },
  };
  const onAbort = () => client.close();
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      write(`retry: ${options.retryMs}\n\n`);
      heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);
      heartbeat.unref?.();
    },
    cancel() {
      client.close();
    },
  });
  if (options.signal.aborted) queueMicrotask(onAbort);
  else options.signal.addEventListener('abort', onAbort);
  const response = new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // Tells nginx-like proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    },
  });
  return { response, client };
}
