import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ChatPanel, replyStats } from './ChatPanel';
import { useStudioShortcuts } from './shortcuts';
import { useStudio } from '@/state/studio';
import { keys } from '@/api/hooks';
import { headersOf, jsonResponse, mockFetch, setCookie, sseResponse } from '@/test/fake-server';
import userEvent from '@testing-library/user-event';
import type { ChatMessage, ChatModel } from '@/api/chat';

const models: ChatModel[] = [
  { id: 'offline-echo', name: 'Offline echo (not AI)', family: 'offline', provider: 'offline', available: true, offline: true },
  { id: 'meta-llama/Llama-3.1-8B-Instruct', name: 'Llama 3.1 8B Instruct', family: 'llama', provider: 'huggingface', available: false, offline: false },
];

const noop = () => undefined;

/** The page's shortcuts, as StudioPage mounts them. */
function Shortcuts() {
  useStudioShortcuts(noop);
  return null;
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // The catalog as the studio page has read it (the panel reads its state from the same query).
  client.setQueryData(keys.chatModels, models);
  return render(
    <QueryClientProvider client={client}>
      <Shortcuts />
      <ChatPanel models={models} />
    </QueryClientProvider>,
  );
}

/** Conversation c1 as the server sends it: "Hello" and a reply from the offline model (finished unless said). */
function helloExchange(reply: Partial<ChatMessage>) {
  return jsonResponse(200, {
    id: 'c1',
    title: 'Hi',
    model: 'offline-echo',
    messages: [
      { id: 'u1', role: 'user', content: 'Hello', parentId: null, status: 'complete' },
      { id: 'a1', role: 'assistant', content: 'Offline echo', parentId: 'u1', status: 'complete', model: 'offline-echo', ...reply },
    ],
  });
}

beforeEach(() => {
  useStudio.setState({ conversationId: 'c1', chatModel: null, chatDraft: '' });
});
afterEach(() => vi.unstubAllGlobals());

describe('ChatPanel', () => {
  it('reattachesToAReplyStillStreamingAfterAReloadAndShowsTheRest', async () => {
    const fetch = mockFetch((url) => {
      if (url.endsWith('/api/chat/conversations/c1')) {
        return helloExchange({ status: 'streaming' });
      }
      if (url.includes('/stream')) {
        // The deltas, then the stream stays open (the server is still generating) until the test ends.
        const enc = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(enc.encode('event: message\nid: 12\ndata: {"conversationId":"c1","userMessage":{"id":"u1","role":"user","content":"Hello"},"assistantMessage":{"id":"a1","status":"streaming","content":"Offline echo"}}\n\n'));
            controller.enqueue(enc.encode('event: delta\nid: 17\ndata: {"text":" (not"}\n\n'));
            controller.enqueue(enc.encode('event: delta\nid: 21\ndata: {"text":" AI)"}\n\n'));
          },
        });
        return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      }
      return jsonResponse(404, { code: 'not_found' }, 'application/problem+json');
    });
    renderPanel();
    const log = await screen.findByRole('log', { name: 'Conversation messages' });
    await waitFor(() => expect(log).toHaveTextContent('Offline echo (not AI)'));
    const attach = fetch.mock.calls.find(([u]) => String(u).includes('/stream'))!;
    expect(attach[0]).toBe('/api/chat/conversations/c1/stream?messageId=a1');
    expect(headersOf(attach[1] as RequestInit)['last-event-id']).toBe('12');
    // the text the server already had is not shown twice (the reply's footer names the model, hence the body alone)
    const body = log.querySelector('article[data-role="assistant"] > div')!;
    expect(body.textContent!.match(/Offline echo/g)).toHaveLength(1);
  });

  it('offersSuggestionsInAnEmptyConversationThatFillTheMessageBox', async () => {
    mockFetch(() => jsonResponse(200, { id: 'c1', title: null, messages: [] }));
    renderPanel();
    const suggestions = await screen.findByRole('list', { name: 'Suggestions' });
    const first = within(suggestions).getAllByRole('button')[0];
    await userEvent.click(first);
    const box = screen.getByLabelText('Message');
    expect(box).toHaveValue(first.textContent);
    expect(box).toHaveFocus();
    // nothing is sent until the person sends it
    expect(screen.getByRole('list', { name: 'Suggestions' })).toBeInTheDocument();
  });

  it('labelsProvidersAndOfflineModelsInThePicker', async () => {
    mockFetch(() => jsonResponse(200, { id: 'c1', title: null, messages: [] }));
    renderPanel();
    // Each option is grouped under its provider and carries the full label as its tooltip.
    const offline = within(screen.getByRole('group', { name: 'offline' })).getByRole('option');
    expect(offline).toHaveTextContent('Offline echo (not AI)');
    expect(offline).toHaveAttribute('title', 'Offline echo (not AI) · offline');
    const llama = within(screen.getByRole('group', { name: 'huggingface' })).getByRole('option');
    expect(llama).toHaveAttribute('title', 'Llama 3.1 8B Instruct · huggingface · unavailable (no token)');
    expect(llama).toBeDisabled();
  });

  it('showsAProviderErrorOnTheReplyInPlainWords', async () => {
    setCookie('studio_csrf=tok');
    let sent = false;
    const problem = { status: 429, code: 'provider_rate_limited', retryAfter: 7, detail: 'HTTP 429' };
    mockFetch((url, init) => {
      if (url.endsWith('/messages') && init.method === 'POST') {
        sent = true;
        return sseResponse([
          'event: message\nid: 0\ndata: {"conversationId":"c1","userMessage":{"id":"u1","role":"user","content":"Hi"},"assistantMessage":{"id":"a1","status":"streaming"}}\n\n',
          'event: error\nid: 0\ndata: {"status":429,"code":"provider_rate_limited","retryAfter":7,"detail":"HTTP 429","messageId":"a1","messageStatus":"failed"}\n\n',
        ]);
      }
      // The server keeps the failed reply with its problem.
      const messages = sent
        ? [
            { id: 'u1', role: 'user', content: 'Hi', parentId: null, status: 'complete' },
            { id: 'a1', role: 'assistant', content: '', parentId: 'u1', status: 'failed', error: problem },
          ]
        : [];
      return jsonResponse(200, { id: 'c1', title: 'Hi', model: 'offline-echo', messages });
    });
    renderPanel();
    await userEvent.type(await screen.findByLabelText('Message'), 'Hi{Enter}');
    const error = await screen.findByTestId('reply-error');
    expect(error).toHaveTextContent('The model provider is rate limiting requests. Try again in 7 s.');
    expect(error.closest('article')).toHaveAttribute('data-status', 'failed');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument(); // said once, on the reply
  });

  it('showsAFinishedReplysModelByNameWithTheServersTokenCountAndSpeed', async () => {
    mockFetch(() =>
      helloExchange({
        content: 'Offline echo (not AI).',
        usage: { promptTokens: 12, completionTokens: 42, totalTokens: 54 },
        timings: { ttftMs: 180, durationMs: 3360, tokensPerSecond: 12.5 },
      }),
    );
    renderPanel();
    const stats = await screen.findByTestId('reply-stats');
    expect(stats).toHaveTextContent('42 tokens · 12.5 tok/s');
    expect(stats).toHaveAttribute('title', 'first token after 180 ms · whole reply 3.4 s · 12 tokens of context');
    const reply = stats.closest('article')!;
    expect(within(reply).getByTitle('offline-echo')).toHaveTextContent('Offline echo (not AI)');
  });

  it('escapeLeavesEditingWithoutSending', async () => {
    const fetch = mockFetch(() => helloExchange({}));
    renderPanel();
    await userEvent.click(await screen.findByRole('button', { name: 'Edit and resend' }));
    const box = screen.getByLabelText('Edit message');
    expect(box).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Edit and resend' })).not.toBeInTheDocument();
    await userEvent.type(box, ' again{Escape}');
    expect(screen.queryByLabelText('Edit message')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit and resend' })).toBeInTheDocument();
    expect(fetch.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(false);
  });

  it('replyStatsStayQuietWhileStreamingOrUnknown', () => {
    expect(replyStats({ status: 'streaming', usage: { completionTokens: 3 } })).toBeNull();
    expect(replyStats({ status: 'complete', usage: { completionTokens: null as unknown as number }, timings: null })).toBeNull();
    expect(replyStats({ status: 'stopped', usage: { completionTokens: 1 }, timings: { tokensPerSecond: 20 } })).toBe('1 token · 20.0 tok/s');
  });

  it('aReaderWhoScrolledUpIsNotPulledDownByTheStreamingReply', async () => {
    let push: (chunk: string) => void = () => undefined;
    mockFetch((url) => {
      if (url.endsWith('/api/chat/conversations/c1')) return helloExchange({ status: 'streaming' });
      if (url.includes('/stream')) {
        const enc = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            push = (chunk) => controller.enqueue(enc.encode(chunk));
            push('event: message\nid: 12\ndata: {"conversationId":"c1","userMessage":{"id":"u1","role":"user","content":"Hello"},"assistantMessage":{"id":"a1","status":"streaming","content":"Offline echo"}}\n\n');
          },
        });
        return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      }
      return jsonResponse(404, { code: 'not_found' }, 'application/problem+json');
    });
    renderPanel();
    const log = await screen.findByRole('log', { name: 'Conversation messages' });
    await waitFor(() => expect(log).toHaveTextContent('Offline echo'));
    // jsdom has no layout: a log 200 px high holding 1000 px of messages.
    let top = 0;
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => 1000 });
    Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => 200 });
    Object.defineProperty(log, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = Math.min(v, 800)) });
    // The reader scrolls up to read; the reply goes on streaming.
    top = 300;
    fireEvent.scroll(log);
    push('event: delta\nid: 17\ndata: {"text":" (not"}\n\n');
    await waitFor(() => expect(log).toHaveTextContent('Offline echo (not'));
    expect(top).toBe(300);
    // "Latest" takes them to the end, and from there the log follows the reply again.
    await userEvent.click(screen.getByRole('button', { name: 'Scroll to the latest message' }));
    expect(top).toBe(800);
    fireEvent.scroll(log);
    expect(screen.queryByRole('button', { name: 'Scroll to the latest message' })).toBeNull();
    top = 790; // within the slack of the end
    fireEvent.scroll(log);
    push('event: delta\nid: 21\ndata: {"text":" AI)"}\n\n');
    await waitFor(() => expect(log).toHaveTextContent('Offline echo (not AI)'));
    expect(top).toBe(800);
  });

  it('theKeyboardEditsTheLastMessageAndStartsANewConversation', async () => {
    setCookie('studio_csrf=tok');
    const fetch = mockFetch((_url, init) => {
      if (init.method === 'POST') return sseResponse([]);
      return helloExchange({});
    });
    renderPanel();
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Message');
    await screen.findByRole('button', { name: 'Edit and resend' });
    // Up in the empty message box edits the last message; Enter sends it edited.
    box.focus();
    await user.keyboard('{ArrowUp}');
    const edit = screen.getByLabelText('Edit message');
    expect(edit).toHaveFocus();
    expect(edit).toHaveValue('Hello');
    await user.keyboard(' again{Enter}');
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => String(u).endsWith('/messages') && (i as RequestInit).method === 'POST')).toBe(true));
    const post = fetch.mock.calls.find(([u, i]) => String(u).endsWith('/messages') && (i as RequestInit).method === 'POST')!;
    expect(JSON.parse(String((post[1] as RequestInit).body))).toMatchObject({ content: 'Hello again', editOf: 'u1' });
    expect(box).toHaveFocus(); // back in the message box
    // Ctrl+Shift+O starts a new conversation from anywhere, the message box ready.
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Control>}{Shift>}O{/Shift}{/Control}');
    expect(useStudio.getState().conversationId).toBeNull();
    expect(box).toHaveFocus();
  });

  it('escapeInTheMessageBoxStopsTheReplyBeingWritten', async () => {
    setCookie('studio_csrf=tok');
    const fetch = mockFetch((url, init) => {
      if (url.endsWith('/stop')) return jsonResponse(202, {});
      if (url.includes('/stream')) return new Response(new ReadableStream({ start() {} }), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      if (init.method === 'POST') return jsonResponse(404, {});
      return helloExchange({ status: 'streaming' });
    });
    renderPanel();
    const user = userEvent.setup();
    await screen.findByRole('button', { name: 'Stop the reply' });
    screen.getByLabelText('Message').focus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => String(u).endsWith('/api/chat/conversations/c1/stop') && (i as RequestInit).method === 'POST')).toBe(true));
  });

  it('theConversationListIsReadAgainAsAReplyBeginsNotOnlyWhenItEnds', async () => {
    setCookie('studio_csrf=tok');
    mockFetch((url, init) => {
      if (url.endsWith('/messages') && init.method === 'POST') {
        // The reply begins, then the stream stays open (still being written) until the test ends.
        const enc = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(enc.encode('event: message\nid: 0\ndata: {"conversationId":"c1","userMessage":{"id":"u2","role":"user","content":"Next","parentId":"a1"},"assistantMessage":{"id":"a2","status":"streaming","content":"","parentId":"u2"}}\n\n'));
          },
        });
        return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      }
      return helloExchange({});
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.setQueryData(keys.chatModels, models);
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    render(
      <QueryClientProvider client={client}>
        <ChatPanel models={models} />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await screen.findByText('Offline echo');
    await user.type(screen.getByLabelText('Message'), 'Next{Enter}');
    await screen.findByRole('button', { name: 'Stop the reply' });
    await waitFor(() => expect(invalidate.mock.calls.some(([f]) => JSON.stringify(f?.queryKey) === '["chat","conversations"]')).toBe(true));
  });

  it('namesTheOpenConversationInTheWindowTitle', async () => {
    mockFetch(() =>
      jsonResponse(200, { id: 'c1', title: 'Why is $\\frac{a}{b}$ small?', model: 'offline-echo', messages: [] }),
    );
    const view = renderPanel();
    await waitFor(() => expect(document.title).toBe('Why is a/b small? · AI Studio 3D'));
    act(() => useStudio.setState({ conversationId: null }));
    await waitFor(() => expect(document.title).toBe('AI Studio 3D'));
    view.unmount();
  });

  it('onATouchScreenEnterIsANewLineAndSendIsTheButton', async () => {
    setCookie('studio_csrf=tok');
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query === '(pointer: coarse)',
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }));
    const fetch = mockFetch((_url, init) => (init.method === 'POST' ? sseResponse([]) : helloExchange({})));
    renderPanel();
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Message');
    expect(box).toHaveAttribute('placeholder', 'Write a message');
    await user.type(box, 'Two{Enter}lines');
    expect(box).toHaveValue('Two\nlines');
    expect(fetch.mock.calls.some(([, i]) => (i as RequestInit).method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(fetch.mock.calls.some(([u, i]) => String(u).endsWith('/messages') && (i as RequestInit).method === 'POST')).toBe(true));
  });
});
