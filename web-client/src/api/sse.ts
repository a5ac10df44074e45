import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { rawFetch, type RequestOptions } from './client';

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a `text/event-stream` body, calling `onEvent` for each complete event. Chunks may split anywhere (mid-line,
 * mid-character); the parser and a streaming TextDecoder put them back together. Resolves when the body ends.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
  onChunk?: () => void,
): Promise<void> {
  const parser = createParser({
    onEvent: (m: EventSourceMessage) => onEvent({ event: m.event ?? 'message', data: m.data, id: m.id }),
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const abort = () => reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', abort);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk?.(); // any bytes, keep-alive comments included: the stream is alive
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    signal?.removeEventListener('abort', abort);
    reader.releaseLock?.();
  }
}

export interface StreamOptions extends RequestOptions {
  lastEventId?: string;
  /** Called for every chunk of the body as it arrives. */
  onChunk?: () => void;
  /** Called when the answer's head has arrived (the server is sending events from now on), before the body is read. */
  onOpen?: () => void;
}

/** Opens an SSE request with fetch (POST streams cannot use EventSource) and reads it to the end. */
export async function fetchEventStream(
  path: string,
  options: StreamOptions,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'text/event-stream' };
  if (options.lastEventId !== undefined) headers['Last-Event-ID'] = options.lastEventId;
  const response = await rawFetch(path, { ...options, headers });
  if (!response.body) return;
  options.onOpen?.();
  await readEventStream(response.body, onEvent, options.signal, options.onChunk);
}
