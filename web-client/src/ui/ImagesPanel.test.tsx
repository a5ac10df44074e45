import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ImagesPanel } from './ImagesPanel';
import { useStudio } from '@/state/studio';
import { jsonResponse, mockFetch, setCookie } from '@/test/fake-server';

afterEach(() => vi.unstubAllGlobals());
beforeEach(() => {
  useStudio.setState({ imagePrompt: '' });
  setCookie('studio_csrf=tok');
});

const offline = {
  id: 'offline-pattern',
  name: 'Offline placeholder (not AI)',
  provider: 'offline',
  available: true,
  offline: true,
  parameters: { width: { min: 64, max: 1024, default: 512 }, height: { min: 64, max: 1024, default: 512 } },
};
const done = { id: 'j1', model: 'offline-pattern', prompt: 'a calm harbour', status: 'succeeded', width: 512, height: 512, steps: 20, guidance: 7, seed: 4242 };
const failed = {
  id: 'j2',
  model: 'black-forest-labs/FLUX.1-schnell',
  prompt: 'a refused lighthouse',
  status: 'failed',
  seed: 7,
  error: { code: 'provider_rejected_token', detail: 'HuggingFace answered 401' },
};

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ImagesPanel />
    </QueryClientProvider>,
  );
}

describe('ImagesPanel', () => {
  it('showsWhyAJobFailedInPlainWords', async () => {
    mockFetch((url) => (url.includes('/models') ? jsonResponse(200, [offline]) : jsonResponse(200, { items: [failed], next: null })));
    renderPanel();
    const item = await screen.findByRole('listitem', { name: 'Image: a refused lighthouse' });
    expect(within(item).getByTestId('job-error')).toHaveTextContent('The model provider refused the access token.');
  });

  it('makeAgainPostsTheSameRecipeWithTheStoredSeed', async () => {
    const fetch = mockFetch((url, init) => {
      if (url.includes('/models')) return jsonResponse(200, [offline]);
      if (init.method === 'POST') return jsonResponse(202, { ...done, id: 'j3', status: 'queued' });
      return jsonResponse(200, { items: [done], next: null });
    });
    renderPanel();
    await userEvent.click(await screen.findByRole('button', { name: 'Make again with seed 4242' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    const post = fetch.mock.calls.find(([, init]) => (init as RequestInit).method === 'POST')!;
    expect(JSON.parse((post[1] as RequestInit).body as string)).toEqual({
      model: 'offline-pattern',
      prompt: 'a calm harbour',
      width: 512,
      height: 512,
      steps: 20,
      guidance: 7,
      seed: 4242,
    });
  });

  it('loadsOlderImagesWithTheCursor', async () => {
    const fetch = mockFetch((url) => {
      if (url.includes('/models')) return jsonResponse(200, [offline]);
      if (url.includes('cursor=page-2')) return jsonResponse(200, { items: [failed], next: null });
      return jsonResponse(200, { items: [done], next: 'page-2' });
    });
    renderPanel();
    await userEvent.click(await screen.findByRole('button', { name: 'Older images' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    expect(fetch.mock.calls.some(([u]) => String(u) === '/api/images?limit=24&cursor=page-2')).toBe(true);
  });
});
