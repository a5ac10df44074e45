import { afterEach, describe, expect, it, vi } from 'vitest';
import { reattach, sendMessage } from './chat';
import { headersOf, jsonResponse, mockFetch, setCookie, sseResponse } from '@/test/fake-server';

afterEach(() => vi.unstubAllGlobals());

describe('chat streams', () => {
  it('reattachSendsLastEventIdAndMessageId', async () => {
    const fetch = mockFetch(() => sseResponse(['event: delta\nid: 11\ndata: {"text":" world"}\n\n', 'event: done\nid: 11\ndata: {"message":{"id":"a1","status":"complete","content":"Hello world"}}\n\n']));
    const deltas: [string, string | undefined][] = [];
    const done = vi.fn();
    await reattach('c1', { lastEventId: '5', messageId: 'a1' }, { onDelta: (t, id) => deltas.push([t, id]), onDone: done });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/chat/conversations/c1/stream?messageId=a1');
    expect(headersOf(init)['last-event-id']).toBe('5');
    expect(headersOf(init).accept).toBe('text/event-stream');
    expect(deltas).toEqual([[' world', '11']]);
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ status: 'complete' }));
  });

  const quick = { silenceMs: 200, attempts: 3, backoffMs: 1 };

  it('reattachOpensTheStreamAgainFromTheLastTextWhenItEndsBeforeTheReply', async () => {
    const answers = [
      sseResponse(['event: message\nid: 5\ndata: {"assistantMessage":{"id":"a1","status":"streaming"}}\n\n',
        'event: delta\nid: 11\ndata: {"text":" world"}\n\n']), // then the connection ends: no done
      sseResponse(['event: delta\nid: 12\ndata: {"text":"!"}\n\n',
        'event: done\nid: 12\ndata: {"message":{"id":"a1","status":"complete","content":"Hello world!"}}\n\n']),
    ];
    const fetch = mockFetch(() => answers.shift()!);
    const deltas: string[] = [];
    const done = vi.fn();
    await reattach('c1', { lastEventId: '5', messageId: 'a1' }, { onDelta: (t) => deltas.push(t), onDone: done }, undefined, quick);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(headersOf(fetch.mock.calls[1][1] as RequestInit)['last-event-id']).toBe('11');
    expect(deltas).toEqual([' world', '!']);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('reattachOpensASilentStreamAgain', async () => {
    let calls = 0;
    const fetch = mockFetch((_url, init) => {
      calls++;
      if (calls === 1) {
        // headers, then nothing at all (not even a keep-alive) until the client gives up on it
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
          },
        });
        return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      }
      return sseResponse(['event: done\nid: 5\ndata: {"message":{"id":"a1","status":"complete","content":"Hello"}}\n\n']);
    });
    const done = vi.fn();
    await reattach('c1', { lastEventId: '5', messageId: 'a1' }, { onDone: done }, undefined, quick);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ status: 'complete' }));
  });

  it('reattachStopsAtAClientErrorWithoutTryingAgain', async () => {
    const fetch = mockFetch(() => jsonResponse(404, { status: 404, code: 'not_found', title: 'Not found' }, 'application/problem+json'));
    await expect(reattach('c1', { lastEventId: '0', messageId: 'a1' }, {}, undefined, quick)).rejects.toMatchObject({ status: 404 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sendMessagePostsWithCsrfAndReportsEventsInOrder', async () => {
    setCookie('studio_csrf=abc');
    const fetch = mockFetch(() =>
      sseResponse([
        'event: message\nid: 0\ndata: {"conversationId":"c1","userMessage":{"id":"u1"},"assistantMessage":{"id":"a1","status":"streaming"}}\n\n',
        'event: delta\nid: 2\ndata: {"text":"Hi"}\n\n',
        'event: error\nid: 2\ndata: {"status":429,"code":"provider_rate_limited","detail":"Slow down","messageId":"a1"}\n\n',
      ]),
    );
    const seen: string[] = [];
    await sendMessage('c1', { content: 'Hello' }, {
      onStart: (d) => seen.push(`start:${d.assistantMessage.id}`),
      onDelta: (t) => seen.push(`delta:${t}`),
      onError: (p) => seen.push(`error:${p.code}`),
    });
    const init = fetch.mock.calls[0][1] as RequestInit;
    expect(init.method).toBe('POST');
    expect(headersOf(init)['x-csrf-token']).toBe('abc');
    expect(JSON.parse(init.body as string)).toEqual({ content: 'Hello' });
    expect(seen).toEqual(['start:a1', 'delta:Hi', 'error:provider_rate_limited']);
  });
});

describe('a new conversation\'s title', () => {
  it('isTheFirstMessagesWordsWithoutMarkdownCutAtAWord', async () => {
    const { titleFrom } = await import('./chat');
    expect(titleFrom('Hello there, **studio**')).toBe('Hello there, studio');
    expect(titleFrom('# Plan\n\nSee [the docs](https://example.com) and `npm test`')).toBe('Plan See the docs and npm test');
    expect(titleFrom('Explain this:\n```js\nconst a = 1;\n```')).toBe('Explain this:');
    const long = titleFrom('reloadme ' + Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^reloadme word0 .* word\d+…$/);
    expect(titleFrom('**')).toBe('**');
  });

  it('writesTheFirstMessagesMathAsPlainText', async () => {
    const { titleFrom } = await import('./chat');
    expect(titleFrom('What is $\\frac{a}{b}$ when $x_{10} = 2$?')).toBe('What is a/b when x₁₀ = 2?');
    expect(titleFrom('It costs $5 and $10')).toBe('It costs $5 and $10');
    expect(titleFrom('Run:\n```sh\necho $HOME$\n```\nand \\(\\sqrt{2}\\)')).toBe('Run: and √2');
  });
});
