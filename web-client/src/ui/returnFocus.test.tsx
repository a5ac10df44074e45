import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { AccountDialog } from './AccountDialog';
import { ImagesPanel } from './ImagesPanel';
import { Lightbox } from './Lightbox';
import { useStudio } from '@/state/studio';
import { jsonResponse, mockFetch } from '@/test/fake-server';

afterEach(() => vi.unstubAllGlobals());

function withClient(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

function AccountButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>Account: ada</button>
      <AccountDialog user={{ id: 'u1', username: 'ada', createdAt: '2026-12-02T10:00:00Z' }} open={open} onOpenChange={setOpen} />
    </>
  );
}

describe('a dialog opened without a Radix trigger', () => {
  it('givesTheFocusBackToTheHeaderButtonThatOpenedIt', async () => {
    mockFetch(() => jsonResponse(200, []));
    withClient(<AccountButton />);
    const user = userEvent.setup();
    const opener = screen.getByRole('button', { name: 'Account: ada' });
    await user.click(opener);
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(opener).toHaveFocus();
  });

  it('givesTheFocusBackToTheGalleryPictureThatOpenedTheLightbox', async () => {
    useStudio.setState({ openImageId: null });
    const done = { id: 'j1', model: 'offline-pattern', prompt: 'a calm harbour', status: 'succeeded', width: 512, height: 512, steps: 20, guidance: 7, seed: 4242 };
    mockFetch((url) => (url.includes('/api/images/models') ? jsonResponse(200, { items: [] }) : jsonResponse(200, { items: [done], next: null })));
    withClient(
      <>
        <ImagesPanel />
        <Lightbox />
      </>,
    );
    const user = userEvent.setup();
    const picture = await screen.findByRole('button', { name: 'Open a calm harbour full size' });
    await user.click(picture);
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(picture).toHaveFocus();
  });
});
