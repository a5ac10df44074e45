import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConversationList } from './ConversationList';
import { jsonResponse, mockFetch } from '@/test/fake-server';

afterEach(() => vi.unstubAllGlobals());

const conv = (i: number, prefix = 'Chat') => ({ id: `c${i}`, title: `${prefix} ${i}` });

function renderList() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ConversationList />
    </QueryClientProvider>,
  );
}

describe('ConversationList paging', () => {
  it('loadsTheNextPageWithTheKeysetCursorAndAppendsIt', async () => {
    const fetch = mockFetch((url) => {
      const u = new URL(url, 'http://x');
      if (u.searchParams.get('cursor') === 'after-2') return jsonResponse(200, { items: [conv(3)], next: null });
      return jsonResponse(200, { items: [conv(1), conv(2)], next: 'after-2' });
    });
    renderList();
    const list = await screen.findByRole('list', { name: 'Conversation list' });
    expect(await within(list).findByText('Chat 2')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Older conversations' }));
    expect(await within(list).findByText('Chat 3')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Older conversations' })).not.toBeInTheDocument();
    const second = new URL(String(fetch.mock.calls.at(-1)![0]), 'http://x');
    expect(second.searchParams.get('cursor')).toBe('after-2');
    expect(second.searchParams.get('limit')).toBe('30');
  });

  it('pagesSearchResultsKeepingTheQuery', async () => {
    const fetch = mockFetch((url) => {
      const u = new URL(url, 'http://x');
      if (!u.searchParams.get('q')) return jsonResponse(200, { items: [conv(1)], next: null });
      if (u.searchParams.get('cursor')) return jsonResponse(200, { items: [conv(9, 'Harbour')], next: null });
      return jsonResponse(200, { items: [conv(8, 'Harbour')], next: 'h-8' });
    });
    renderList();
    await userEvent.type(screen.getByLabelText('Search conversations'), 'harbour');
    expect(await screen.findByText('Harbour 8')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'More matches' }));
    expect(await screen.findByText('Harbour 9')).toBeInTheDocument();
    const last = new URL(String(fetch.mock.calls.at(-1)![0]), 'http://x');
    expect(last.searchParams.get('q')).toBe('harbour');
    expect(last.searchParams.get('cursor')).toBe('h-8');
  });
});

describe('ConversationList rename and delete', () => {
  it('escapeLeavesRenamingWithoutSavingAndARefusedRenameSaysWhyBesideTheConversation', async () => {
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const fetch = mockFetch((_url, init) => {
      if (init.method === 'PATCH') {
        return jsonResponse(400, { type: 'about:blank', title: 'Bad Request', status: 400, code: 'validation_failed', detail: 'title: must be at most 200 characters', violations: [{ field: 'title', message: 'must be at most 200 characters' }] }, 'application/problem+json');
      }
      return jsonResponse(200, { items: [conv(1)], next: null });
    });
    renderList();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rename Chat 1' }));
    const box = screen.getByLabelText('New title');
    await user.type(box, 'Something else');
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('New title')).toBeNull();
    expect(fetch.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'PATCH')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Rename Chat 1' }));
    await user.keyboard('A title the server refuses{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(/200 characters/);
    expect(alert).not.toHaveBeenCalled();
  });

  it('aDeleteThatFailsSaysSoAndKeepsTheConversation', async () => {
    mockFetch((_url, init) => {
      if (init.method === 'DELETE') return new Response(null, { status: 503 });
      return jsonResponse(200, { items: [conv(1)], next: null });
    });
    renderList();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete Chat 1' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Chat 1' })).toBeInTheDocument();
  });
});
