import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConversationList, periodOf } from './ConversationList';
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

describe('ConversationList titles and touch', () => {
  it('showsATitlesLatexAsPlainText', async () => {
    mockFetch(() => jsonResponse(200, { items: [{ id: 'm', title: 'What is $\\frac{a}{b}$ and $e^{i\\pi}$?' }], next: null }));
    renderList();
    const title = await screen.findByRole('button', { name: 'What is a/b and e^(iπ)?' });
    expect(title).toHaveAttribute('title', 'What is a/b and e^(iπ)?');
    expect(screen.queryByText(/frac/)).toBeNull();
  });

  it('theCompactActionsButtonShowsRenameAndDeleteUnderTheTitle', async () => {
    const fetch = mockFetch((_url, init) => {
      if (init.method === 'DELETE') return new Response(null, { status: 204 });
      return jsonResponse(200, { items: [conv(1)], next: null });
    });
    renderList();
    const user = userEvent.setup();
    const more = await screen.findByRole('button', { name: 'Actions for Chat 1' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(more).toHaveAttribute('aria-expanded', 'true');
    const actions = document.getElementById(more.getAttribute('aria-controls')!)!;
    await user.click(within(actions).getByRole('button', { name: 'Rename' }));
    expect(screen.getByLabelText('New title')).toHaveFocus();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Actions for Chat 1' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Actions for Chat 1' })).toHaveAttribute('aria-expanded', 'false');
    await user.click(screen.getByRole('button', { name: 'Actions for Chat 1' }));
    await user.click(within(document.getElementById(more.getAttribute('aria-controls')!)!).getByRole('button', { name: 'Delete' }));
    // The question sits under the title, which stays whole, with the answer focused.
    const question = screen.getByRole('group', { name: 'Delete Chat 1?' });
    expect(screen.getByRole('button', { name: 'Chat 1' })).toBeInTheDocument();
    const confirm = within(question).getByRole('button', { name: 'Delete' });
    expect(confirm).toHaveFocus();
    await user.click(confirm);
    await vi.waitFor(() => expect(fetch.mock.calls.some(([u, i]) => String(u).endsWith('/api/chat/conversations/c1') && (i as RequestInit).method === 'DELETE')).toBe(true));
  });
});

describe('ConversationList focus', () => {
  it('aRenameOrADeleteQuestionThatEndsGivesTheFocusBackToTheTitle', async () => {
    mockFetch((_url, init) => (init.method === 'PATCH' ? jsonResponse(200, conv(1)) : jsonResponse(200, { items: [conv(1), conv(2)], next: null })));
    renderList();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rename Chat 1' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Chat 1' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Rename Chat 1' }));
    await user.keyboard('Renamed{Enter}');
    expect(screen.getByRole('button', { name: 'Chat 1' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Delete Chat 1' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Chat 1' })).toHaveFocus();
  });

  it('afterADeleteTheFocusMovesToTheConversationBeside', async () => {
    let deleted = false;
    mockFetch((_url, init) => {
      if (init.method === 'DELETE') {
        deleted = true;
        return new Response(null, { status: 204 });
      }
      return jsonResponse(200, { items: deleted ? [conv(2)] : [conv(1), conv(2)], next: null });
    });
    renderList();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete Chat 1' }));
    await user.keyboard('{Enter}'); // the question's Delete has the focus
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Chat 1' })).toBeNull());
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Chat 2' })).toHaveFocus());
  });
});

describe('ConversationList periods', () => {
  it('headsTheListByWhenEachConversationLastChanged', async () => {
    const now = new Date();
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 24 * 3600 * 1000).toISOString();
    mockFetch(() =>
      jsonResponse(200, {
        items: [
          { id: 'a', title: 'Just now', updatedAt: now.toISOString() },
          { id: 'b', title: 'Also today', updatedAt: now.toISOString() },
          { id: 'c', title: 'Three days ago', updatedAt: at(3) },
          { id: 'd', title: 'Long ago', updatedAt: '2024-03-15T12:00:00Z' },
        ],
        next: null,
      }),
    );
    renderList();
    const list = await screen.findByRole('list', { name: 'Conversation list' });
    await within(list).findByText('Long ago');
    const lines = within(list)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(lines).toEqual(['Today', 'Previous 7 days', new Date('2024-03-15T12:00:00Z').toLocaleDateString(undefined, { month: 'long', year: 'numeric' })]);
    // The headings sit in the list between the conversations, in order.
    const order = [...list.querySelectorAll('h3, button[aria-current], li > button')].map((e) => e.textContent);
    expect(order.indexOf('Previous 7 days')).toBeGreaterThan(order.indexOf('Also today'));
    expect(order.indexOf('Previous 7 days')).toBeLessThan(order.indexOf('Three days ago'));
  });

  it('periodOfNamesYesterdayAndTheLastMonth', () => {
    const now = new Date(2026, 11, 2, 9, 0);
    expect(periodOf(new Date(2026, 11, 1, 23, 0).toISOString(), now)).toBe('Yesterday');
    expect(periodOf(new Date(2026, 10, 15).toISOString(), now)).toBe('Previous 30 days');
    expect(periodOf(undefined, now)).toBeNull();
  });
});
