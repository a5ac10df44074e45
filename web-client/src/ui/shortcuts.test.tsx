import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ChatPanel } from './ChatPanel';
import { useStudioShortcuts } from './shortcuts';
import { useStudio } from '@/state/studio';
import { jsonResponse, mockFetch } from '@/test/fake-server';

/** A phone's tabs as StudioPage lays them out: only the tab shown is in the page. */
function PhoneTabs() {
  const [tab, setTab] = useState<'conversations' | 'chat'>('conversations');
  const showChat = useCallback(() => setTab('chat'), []);
  useStudioShortcuts(showChat);
  return tab === 'chat' ? <ChatPanel models={[]} /> : <button type="button">Some conversation</button>;
}

beforeEach(() => {
  useStudio.setState({ conversationId: null, chatModel: null, chatDraft: '', panel: 'images', chatFocusRequest: 0 });
  mockFetch(() => jsonResponse(200, { items: [], next: null }));
});
afterEach(() => vi.unstubAllGlobals());

describe('useStudioShortcuts', () => {
  it('shiftEscapeOpensTheHiddenChatTabAndPutsTheCursorInTheMessageBox', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <PhoneTabs />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    screen.getByRole('button', { name: 'Some conversation' }).focus();
    await user.keyboard('{Shift>}{Escape}{/Shift}');
    const box = await screen.findByLabelText('Message');
    expect(box).toHaveFocus();
    expect(useStudio.getState().panel).toBe('chat');
    // Once taken, the request is spent: showing the chat again later does not steal the focus.
    expect(useStudio.getState().chatFocusRequest).toBe(0);
  });

  it('ctrlShiftOStartsANewConversationFromTheImagesPanel', async () => {
    useStudio.setState({ conversationId: 'c1' });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <PhoneTabs />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.keyboard('{Control>}{Shift>}O{/Shift}{/Control}');
    expect(await screen.findByLabelText('Message')).toHaveFocus();
    expect(useStudio.getState().conversationId).toBeNull();
  });
});
