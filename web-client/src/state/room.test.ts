import { describe, expect, it } from 'vitest';
import { hungPictures, MAX_HUNG } from './room';
import { upsertJobInPages } from '@/api/hooks';
import type { ImageJob } from '@/api/images';

const job = (id: string, status = 'succeeded'): ImageJob => ({ id, model: 'm', prompt: id, status });

describe('hungPictures', () => {
  it('hangsFinishedAndPendingPicturesButNotFailedOnesUpToTheLimit', () => {
    const jobs = [job('a', 'failed'), job('b', 'queued'), job('c', 'cancelled'), ...Array.from({ length: 40 }, (_, i) => job(`p${i}`))];
    const hung = hungPictures(jobs);
    expect(hung).toHaveLength(MAX_HUNG);
    expect(hung[0].id).toBe('b');
    expect(hung.some((j) => j.status === 'failed' || j.status === 'cancelled')).toBe(false);
  });
});

describe('upsertJobInPages', () => {
  const pages = { pages: [{ items: [job('new')], next: 'x' }, { items: [job('old', 'running')], next: null }], pageParams: [null, 'x'] };
  it('updatesAJobOnALaterPageInPlace', () => {
    const next = upsertJobInPages(pages, job('old', 'succeeded'));
    expect(next.pages[1].items[0].status).toBe('succeeded');
    expect(next.pages[0].items).toHaveLength(1);
  });
  it('putsAnUnknownJobFirstOnTheFirstPage', () => {
    const next = upsertJobInPages(pages, job('newest', 'queued'));
    expect(next.pages[0].items.map((j) => j.id)).toEqual(['newest', 'new']);
  });
});
