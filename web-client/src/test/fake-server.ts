import { vi } from 'vitest';

/** A body that arrives in exactly these chunks (strings split anywhere, even inside a character). */
export function chunkedBody(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i >= chunks.length) return controller.close();
      const c = chunks[i++];
      controller.enqueue(typeof c === 'string' ? enc.encode(c) : c);
    },
  });
}

export function sseResponse(chunks: (string | Uint8Array)[]): Response {
  return new Response(chunkedBody(chunks), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

export function jsonResponse(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** Replaces fetch; returns the mock so a test can read what was sent. */
export function mockFetch(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => handler(String(input), init));
  vi.stubGlobal('fetch', fn);
  return fn;
}

export function headersOf(init: RequestInit): Record<string, string> {
  return Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
}

export function setCookie(value: string) {
  document.cookie = value;
}
