import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useImageEvents, useImages } from './hooks';
import { jsonResponse, mockFetch } from '@/test/fake-server';

afterEach(() => vi.unstubAllGlobals());

describe('useImageEvents', () => {
  it('reReadsTheListWhenTheStreamOpensAfterItWasRead', async () => {
    // A picture queued after the page read the list but before its event stream was open has no event: the list is
    // read again once the stream is open.
    const made = { id: 'j1', model: 'offline-pattern', prompt: 'queued meanwhile', status: 'succeeded' };
    let lists = 0;
    let openStream!: () => void;
    const streamOpens = new Promise<void>((r) => (openStream = r));
    mockFetch(async (url) => {
      if (url.includes('/api/images/events')) {
        await streamOpens;
        return new Response(new ReadableStream({ start() {} }), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
      }
      lists++;
      return jsonResponse(200, { items: lists === 1 ? [] : [made], next: null });
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { result, unmount } = renderHook(
      () => {
        useImageEvents(true);
        return useImages();
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.items).toEqual([]);
    openStream();
    await waitFor(() => expect(result.current.items.map((j) => j.id)).toEqual(['j1']));
    expect(lists).toBe(2);
    unmount();
  });
});
