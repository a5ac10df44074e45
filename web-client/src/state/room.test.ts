import { describe, expect, it } from 'vitest';
import { hungPictures, MAX_KEPT, picturesKept, wallPageCount, wantsOlderPictures } from './room';
import { picturePage } from '@/scene/layout';
import { upsertJobInPages } from '@/api/hooks';
import type { ImageJob } from '@/api/images';

const job = (id: string, status = 'succeeded'): ImageJob => ({ id, model: 'm', prompt: id, status });

describe('hungPictures', () => {
  it('hangsFinishedAndPendingPicturesButNotFailedOnesHoweverMany', () => {
    const jobs = [job('a', 'failed'), job('b', 'queued'), job('c', 'cancelled'), ...Array.from({ length: 60 }, (_, i) => job(`p${i}`))];
    const hung = hungPictures(jobs);
    expect(hung).toHaveLength(61);
    expect(hung[0].id).toBe('b');
    expect(hung.some((j) => j.status === 'failed' || j.status === 'cancelled')).toBe(false);
  });
});

describe('the wall\'s pages reach every picture', () => {
  // The gallery as the room loads it (24 a page, newest first), `total` pictures in all, some pages with failed jobs.
  function walk(total: number, failedEvery = 0) {
    const all = Array.from({ length: total }, (_, i) => job(`p${i}`, failedEvery && i % failedEvery === failedEvery - 1 ? 'failed' : 'succeeded'));
    const pages = () => Math.ceil(loaded / 24);
    let loaded = 0;
    let wallPage = 0;
    const seen = new Set<string>();
    for (let turns = 0; turns < 100; turns++) {
      // The page loads older gallery pages while the room wants them (StudioPage's effect).
      const more = () => loaded < all.length;
      while (more() && wantsOlderPictures({ hung: hungPictures(all.slice(0, loaded)).length, wallPage, galleryPages: pages() })) loaded += 24;
      if (loaded === 0) loaded = 24; // the gallery's first page loads by itself
      while (more() && wantsOlderPictures({ hung: hungPictures(all.slice(0, loaded)).length, wallPage, galleryPages: pages() })) loaded += 24;
      const hung = hungPictures(all.slice(0, loaded));
      hung.forEach((p, i) => picturePage(i) === wallPage && seen.add(p.id));
      expect(picturesKept(hung, wallPage).length).toBeLessThanOrEqual(MAX_KEPT);
      // The pager's "next" is enabled while there is a page after this one.
      if (wallPage >= wallPageCount(hung.length, more()) - 1) break;
      wallPage++;
    }
    return { seen, hung: hungPictures(all) };
  }

  it('turnsToEveryPictureOfALargeGalleryPageByPage', () => {
    for (const total of [1, 12, 36, 37, 48, 100]) {
      const { seen, hung } = walk(total);
      expect(seen.size, `${total} pictures`).toBe(hung.length);
    }
  });

  it('reachesPicturesBehindManyFailedJobs', () => {
    const { seen, hung } = walk(150, 2); // every other job failed
    expect(seen.size).toBe(hung.length);
    const sparse = walk(200, 1).hung; // all failed: nothing hangs, nothing to reach
    expect(sparse).toHaveLength(0);
  });

  it('loadsOnlyWhatTheWallShowsAndTheNextPageAtTheStart', () => {
    expect(wantsOlderPictures({ hung: 24, wallPage: 0, galleryPages: 1 })).toBe(false);
    expect(wantsOlderPictures({ hung: 20, wallPage: 0, galleryPages: 1 })).toBe(true);
    // a gallery of failed jobs stops loading a few pages on, until the wall's page is turned
    expect(wantsOlderPictures({ hung: 3, wallPage: 0, galleryPages: 4 })).toBe(false);
    expect(wantsOlderPictures({ hung: 3, wallPage: 1, galleryPages: 4 })).toBe(true);
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
