import type { ImageJob } from '@/api/images';
import { IMAGE_PAGE } from '@/api/images';
import { PICTURES_PER_WALL } from '@/scene/layout';

/** Something in the room a person can point at, tab to and act on. */
export type RoomObject = { kind: 'model' | 'picture'; id: string };

/** The pictures that hang in the room, in hanging order: finished ones and ones still being made, newest first. */
export function hungPictures(images: ImageJob[]): ImageJob[] {
  return images.filter((j) => j.status === 'succeeded' || j.status === 'queued' || j.status === 'running');
}

/**
 * Whether the room wants an older page of the gallery: the wall's page shown and the next one should be loaded, so the
 * pager's next page turns at once and every picture, however old, is a page turn away. A gallery of many failed jobs
 * (which do not hang) loads no more than a few pages beyond that; turning the wall's page asks for more again.
 */
export function wantsOlderPictures({ hung, wallPage, galleryPages }: { hung: number; wallPage: number; galleryPages: number }): boolean {
  const wanted = (wallPage + 2) * PICTURES_PER_WALL;
  return hung < wanted && galleryPages < 2 * Math.ceil(wanted / IMAGE_PAGE) + 2;
}

/**
 * The wall's pages: those of the pictures loaded, and one more while the gallery has older pictures to load (its
 * "next" turns to it and loads them).
 */
export const wallPageCount = (hung: number, more: boolean) => Math.max(1, Math.ceil(hung / PICTURES_PER_WALL) + (more && hung % PICTURES_PER_WALL === 0 ? 1 : 0));

/** The pictures whose thumbnails the room keeps ready: the wall's page shown and the pages either side (3 x 12 at most). */
export const picturesKept = (hung: ImageJob[], wallPage: number) =>
  hung.slice(Math.max(0, wallPage - 1) * PICTURES_PER_WALL, (wallPage + 2) * PICTURES_PER_WALL);
/** How many thumbnails that is at most (the atlas's tiles). */
export const MAX_KEPT = 3 * PICTURES_PER_WALL;

export const sameObject = (a: RoomObject | null, b: RoomObject | null) => !!a && !!b && a.kind === b.kind && a.id === b.id;
