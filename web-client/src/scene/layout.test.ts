import { describe, expect, it } from 'vitest';
import { Vector3 } from 'three';
import { cameraZoom, COMPACT_BELOW, FULL_WALL, modelSpot, modelsPerPage, picturePage, PICTURES_PER_WALL, PLACARD_HEIGHT, PLACARD_WIDTH, placardAnchor, placardCentreX, wallLayout } from './layout';
import { MAX_HUNG } from '@/state/room';
import { modelCorners, objectCorners, overlaps, pictureCorners, screenRect, startCamera, type Rect } from './framing';

// The room as the studio frames it: a desktop window (the side panels cover 264 px and 408 px of the canvas, the header
// 48 px, the object list the bottom) and a phone (the canvas is the top 42 % of 390 x 844, the pager over its top 46 px, the object list at its foot).
const VIEWS = [
  { name: 'desktop 1440x900', width: 1440, height: 900, insets: { left: 264, right: 408 }, top: 60, bottom: 900 - 90 },
  { name: 'phone 390x844', width: 390, height: 354, insets: { left: 0, right: 0 }, top: 50, bottom: 354 - 58 },
];
const square = { width: 1024, height: 1024 };
const wide = { width: 1344, height: 768 };

for (const v of VIEWS) {
  describe(`the room on a ${v.name}`, () => {
    const camera = startCamera(v.width, v.height, v.insets);
    const free: Rect = { left: v.insets.left, right: v.width - v.insets.right, top: v.top, bottom: v.bottom };
    const view = { height: v.height, freeWidth: free.right - free.left };
    const perPage = modelsPerPage(view);
    const compact = v.height < COMPACT_BELOW;
    const wall = wallLayout(view);
    const pictures = Array.from({ length: 12 }, (_, i) => screenRect(pictureCorners(i, i % 2 ? wide : square, wall), camera, v.width, v.height)!);
    const inside = (r: Rect) => r.left >= free.left && r.right <= free.right && r.top >= free.top && r.bottom <= free.bottom;

    for (let n = 1; n <= Math.min(20, perPage); n++) {
      it(`shows ${n} model${n > 1 ? 's' : ''} whole, in the free view, placards clear of each other and of the pictures`, () => {
        const spots = Array.from({ length: n }, (_, i) => modelSpot(i, n, view));
        const placards = spots.map((s) => {
          const c = screenRect([new Vector3(...placardAnchor(s))], camera, v.width, v.height)!;
          const h = PLACARD_HEIGHT;
          const x = placardCentreX(c.left, v.width, v.insets);
          return { left: x - PLACARD_WIDTH / 2, right: x + PLACARD_WIDTH / 2, top: c.top - h / 2, bottom: c.top + h / 2 };
        });
        const objects = spots.map((s) => screenRect(objectCorners(s), camera, v.width, v.height)!);
        spots.forEach((s, i) => {
          const body = screenRect(modelCorners(s), camera, v.width, v.height);
          expect(body && inside(body), `model ${i} of ${n} at ${JSON.stringify(body)}`).toBe(true);
          expect(inside(placards[i]), `placard ${i} of ${n} at ${JSON.stringify(placards[i])}`).toBe(true);
          pictures.forEach((pic, k) => expect(overlaps(placards[i], pic), `placard ${i} of ${n} over picture ${k}`).toBe(false));
          pictures.forEach((pic, k) => expect(overlaps(objects[i], pic), `object ${i} of ${n} over picture ${k}`).toBe(false));
          // A small canvas shows one placard or two (in use, focused), the rest are named by the object list.
          if (compact) return;
          placards.forEach((q, j) => j !== i && expect(overlaps(placards[i], q), `placards ${i} and ${j} of ${n}`).toBe(false));
          objects.forEach((o, j) => j !== i && expect(overlaps(placards[i], o), `placard ${i} over object ${j} of ${n}`).toBe(false));
        });
      });
    }

    it('hangs every picture (all that hang, a page at a time) in the part of the canvas the panels leave free, none overlapping', () => {
      // Not only the first page: a picture hung where a panel covers it (the side walls did) fails here.
      const all = Array.from({ length: MAX_HUNG }, (_, i) => ({ i, page: picturePage(i), rect: screenRect(pictureCorners(i, i % 2 ? wide : square, wall), camera, v.width, v.height) }));
      expect(Math.max(...all.map((p) => p.page)) + 1).toBe(Math.ceil(MAX_HUNG / PICTURES_PER_WALL));
      all.forEach((p) => expect(p.rect && inside(p.rect), `picture ${p.i} (page ${p.page + 1}) at ${JSON.stringify(p.rect)}`).toBe(true));
      all.forEach((p) =>
        all.forEach((q) => q.i < p.i && q.page === p.page && expect(overlaps(p.rect!, q.rect!), `pictures ${q.i} and ${p.i}`).toBe(false)),
      );
      // As large as they can be: full size where the view is wide enough, never shrunk below what is needed.
      const full = Array.from({ length: 12 }, (_, i) => screenRect(pictureCorners(i, i % 2 ? wide : square, FULL_WALL), camera, v.width, v.height)!);
      if (full.every(inside)) expect(wall.scale).toBe(1);
      else expect(wall.scale).toBeGreaterThan(0.75);
    });

    it('shows twenty models in at most three pages', () => {
      expect(Math.ceil(20 / perPage)).toBeLessThanOrEqual(3);
    });
    if (compact) {
      it('frames the models closer on a small canvas and spreads a full page over its width', () => {
        expect(cameraZoom(view)).toBeGreaterThan(1);
        const spots = Array.from({ length: perPage }, (_, i) => modelSpot(i, perPage, view));
        const bodies = spots.map((s) => screenRect(modelCorners(s), camera, v.width, v.height)!);
        const span = Math.max(...bodies.map((b) => b.right)) - Math.min(...bodies.map((b) => b.left));
        expect(span, `${perPage} models span ${Math.round(span)} px of ${view.freeWidth}`).toBeGreaterThan(0.6 * view.freeWidth);
      });
    }
  });
}
