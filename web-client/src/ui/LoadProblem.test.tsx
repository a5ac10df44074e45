import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { App } from '@/App';
import { ConversationList } from './ConversationList';
import { ImagesPanel } from './ImagesPanel';
import { ChatPanel } from './ChatPanel';
import { useStudio } from '@/state/studio';
import { jsonResponse, mockFetch } from '@/test/fake-server';

afterEach(() => vi.unstubAllGlobals());

const unavailable = () =>
  jsonResponse(503, { type: 'https://aistudio.dev/problems/upstream_unavailable', status: 503, title: 'Service unavailable', code: 'upstream_unavailable', detail: 'chat-service is not reachable' }, 'application/problem+json');

function withClient(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

/** Answers 503 until `up()` is called, then what `ok` answers. */
function flakyServer(ok: (url: string) => Response) {
  let down = true;
  const fetch = mockFetch((url) => (down ? unavailable() : ok(url)));
  return { fetch, up: () => (down = false) };
}

describe('a list or catalog that could not be read', () => {
  it('theConversationListSaysSoAndTriesAgain', async () => {
    const server = flakyServer(() => jsonResponse(200, { items: [{ id: 'c1', title: 'Back again' }], next: null }));
    withClient(<ConversationList />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Conversations could not be loaded. A studio service is not reachable right now.');
    expect(screen.queryByText('No conversations yet.')).toBeNull();
    server.up();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Back again' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('theGalleryIsNotShownAsEmptyAndTheImageFormIsNotLeftLoading', async () => {
    const server = flakyServer((url) => (url.includes('/api/images/models') ? jsonResponse(200, { items: [] }) : jsonResponse(200, { items: [], next: null })));
    withClient(<ImagesPanel />);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      expect.stringContaining('The image models could not be loaded.'),
      expect.stringContaining('The gallery could not be loaded.'),
    ]);
    expect(screen.queryByText(/No images yet/)).toBeNull();
    expect(screen.queryByText('Loading image models…')).toBeNull();
    server.up();
    await userEvent.click(within(alerts[1]).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No images yet/)).toBeInTheDocument();
  });

  it('theChatSaysTheModelsCouldNotBeLoaded', async () => {
    useStudio.setState({ conversationId: null, chatModel: null, chatDraft: '' });
    mockFetch(() => unavailable());
    withClient(<ChatPanel models={[]} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The models could not be loaded.');
    expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  it('aStudioThatDoesNotAnswerIsNotShownAsSignedOut', async () => {
    const server = flakyServer(() => jsonResponse(401, { status: 401, code: 'unauthorized', title: 'Unauthorized' }, 'application/problem+json'));
    withClient(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The studio could not be loaded.');
    expect(screen.queryByLabelText('Password')).toBeNull();
    // Once it answers (here: no session), the sign-in form shows.
    server.up();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
  });
});
