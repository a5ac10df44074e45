import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ChatPanel } from './ChatPanel';
import { useStudio } from '@/state/studio';
import { headersOf, jsonResponse, mockFetch, setCookie, sseResponse } from '@/test/fake-server';
import userEvent from '@testing-library/user-event';
import type { ChatModel } from '@/api/chat';

const models: ChatModel[] = [
  { id: 'offline-echo', name: 'Offline echo (not AI)', family: 'offline', provider: 'offline', available: true, offline: true },
  { id: 'meta-llama/Llama-3.1-8B-Instruct', name: 'Llama 3.1 8B Instruct', family: 'llama', provider: 'huggingface', available: false, offline: false },
];

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ChatPanel models={models} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  useStudio.setState({ conversationId: 'c1', chatModel: null, chatDraft: '' });
});
afterEach(() => vi.unstubAllGlobals());

describe('ChatPanel', () => {
  it('reattachesToAReplyStillStreamingAfterAReloadAndShowsTheRest', async () => {
    const fetch = mockFetch((url) => {
      if (url.endsWith('/api/chat/conversations/c1')) {
        return jsonResponse(200, {
          id: 'c1',
          title: 'Hi',
          model: 'offline-echo',
          messages: [
            { id: 'u1', role: 'user', content: 'Hello', parentId: null, status: 'complete' },
            { id: 'a1', role: 'assistant', content: 'Offline echo', parentId: 'u1', status: 'streaming', model: 'offline-echo' },
          ],
        });
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
    expect(log.textContent!.match(/Offline echo/g)).toHaveLength(1);
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
});
