import type { ImageJob } from '@/api/images';

/** Something in the room a person can point at, tab to and act on. */
export type RoomObject = { kind: 'model' | 'picture'; id: string };

/** How many pictures hang in the room (on the back wall, a page of twelve at a time); the rest stay in the gallery panel. */
export const MAX_HUNG = 36;

/** The pictures on the walls, in hanging order: finished ones and ones still being made, newest first. */
export function hungPictures(images: ImageJob[]): ImageJob[] {
  const out: ImageJob[] = [];
  for (const j of images) {
    if (j.status === 'succeeded' || j.status === 'queued' || j.status === 'running') out.push(j);
    if (out.length === MAX_HUNG) break;
  }
  return out;
}

export const sameObject = (a: RoomObject | null, b: RoomObject | null) => !!a && !!b && a.kind === b.kind && a.id === b.id;
