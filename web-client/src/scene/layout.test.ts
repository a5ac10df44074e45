import { describe, expect, it } from 'vitest';
import { Vector3 } from 'three';
import { cameraZoom, COMPACT_BELOW, FULL_WALL, modelSpot, modelsPerPage, picturePage, picturesOnPageOf, pictureSpot, PICTURES_PER_WALL, LABEL_HEIGHT, LABEL_WIDTH, nearestFootZ, PLACARD_HEIGHT, PLACARD_WIDTH, placardAnchor, placardCentreX, placardHang, rowColumns, wallLayout } from './layout';
import { modelCorners, objectCorners, overlaps, pictureCorners, plinthCorners, screenRect, startCamera, type Rect } from './framing';

// The room as the studio frames it: a desktop window (the side panels cover 264 px and 408 px of the canvas, the header
// 48 px, the object list the bottom) and a phone (the canvas is the top 42 % of 390 x 844, the pager over its top 46 px, the object list at its foot).
const desktop = (width: number, height: number) => ({ name: `desktop ${width}x${height}`, width, height, insets: { left: 264, right: 408 }, top: 60, bottom: height - 90 });
const VIEWS = [
  desktop(1280, 800),
  desktop(1440, 900),
  desktop(1600, 900),
  desktop(1920, 1080),
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
    const pictures = Array.from({ length: 12 }, (_, i) => screenRect(pictureCorners(i, 12, i % 2 ? wide : square, wall), camera, v.width, v.height)!);
    const inside = (r: Rect) => r.left >= free.left && r.right <= free.right && r.top >= free.top && r.bottom <= free.bottom;

    for (let n = 1; n <= Math.min(20, perPage); n++) {
      it(`shows ${n} model${n > 1 ? 's' : ''} whole, in the free view, placards clear of each other, the other plinths and the pictures`, () => {
        const spots = Array.from({ length: n }, (_, i) => modelSpot(i, n, view));
        const twoRows = spots.some((s) => s.row === 1);
        const footZ = nearestFootZ(spots);
        const placards = spots.map((s) => {
          const hang = placardHang(s, twoRows, view);
          const c = screenRect([new Vector3(...placardAnchor(s, hang, footZ))], camera, v.width, v.height)!;
          const [w, h] = hang === 'underRow' ? [LABEL_WIDTH, LABEL_HEIGHT] : [PLACARD_WIDTH, PLACARD_HEIGHT];
          const x = placardCentreX(c.left, v.width, v.insets, w);
          const top = hang === 'face' ? c.top - h / 2 : c.top + 2; // hung 2 px under its anchor
          return { left: x - w / 2, right: x + w / 2, top, bottom: top + h };
        });
        const plinths = spots.map((s) => screenRect(plinthCorners(s), camera, v.width, v.height)!);
        const objects = spots.map((s) => screenRect(objectCorners(s), camera, v.width, v.height)!);
        spots.forEach((s, i) => {
          const body = screenRect(modelCorners(s), camera, v.width, v.height);
          expect(body && inside(body), `model ${i} of ${n} at ${JSON.stringify(body)}`).toBe(true);
          expect(inside(placards[i]), `placard ${i} of ${n} at ${JSON.stringify(placards[i])}`).toBe(true);
          pictures.forEach((pic, k) => expect(overlaps(placards[i], pic), `placard ${i} of ${n} over picture ${k}`).toBe(false));
          // A placard never covers another model's plinth or object (on a phone too, where one shows at a time).
          plinths.forEach((o, j) => j !== i && expect(overlaps(placards[i], o), `placard ${i} ${JSON.stringify(placards[i])} over plinth ${j} ${JSON.stringify(o)} of ${n}`).toBe(false));
          pictures.forEach((pic, k) => expect(overlaps(objects[i], pic), `object ${i} of ${n} over picture ${k}`).toBe(false));
          // A small canvas shows one placard or two (in use, focused), the rest are named by the object list.
          objects.forEach((o, j) => j !== i && expect(overlaps(placards[i], o), `placard ${i} ${JSON.stringify(placards[i])} over object ${j} ${JSON.stringify(o)} of ${n}`).toBe(false));
          if (compact) return;
          placards.forEach((q, j) => j !== i && expect(overlaps(placards[i], q), `placards ${i} and ${j} of ${n}`).toBe(false));
        });
      });
    }

    it('hangs every picture (however many hang, a page at a time) in the part of the canvas the panels leave free, none overlapping', () => {
      // Every page and every count on a page (a row of one to six is centred, so where a picture hangs depends on how
      // many share its page); a picture hung where a panel covers it (the side walls did) fails here.
      for (const hung of [1, 2, 3, 5, 6, 7, 9, 11, 12, 13, 37, 60]) {
        const all = Array.from({ length: hung }, (_, i) => ({
          i,
          page: picturePage(i),
          rect: screenRect(pictureCorners(i, picturesOnPageOf(i, hung), i % 2 ? wide : square, wall), camera, v.width, v.height),
        }));
        expect(Math.max(...all.map((p) => p.page)) + 1).toBe(Math.ceil(hung / PICTURES_PER_WALL));
        all.forEach((p) => expect(p.rect && inside(p.rect), `picture ${p.i} of ${hung} (page ${p.page + 1}) at ${JSON.stringify(p.rect)}`).toBe(true));
        all.forEach((p) =>
          all.forEach((q) => q.i < p.i && q.page === p.page && expect(overlaps(p.rect!, q.rect!), `pictures ${q.i} and ${p.i} of ${hung}`).toBe(false)),
        );
      }
      // As large as they can be: full size where the view is wide enough, never shrunk below what is needed.
      const full = Array.from({ length: 12 }, (_, i) => screenRect(pictureCorners(i, 12, i % 2 ? wide : square, FULL_WALL), camera, v.width, v.height)!);
      if (full.every(inside)) expect(wall.scale).toBe(1);
      else expect(wall.scale).toBeGreaterThan(v.width >= 1440 ? 0.75 : 0.7);
    });

    it('centres a row of pictures on the wall: one picture, and any odd count, has one in the middle of the view', () => {
      const middle = (v.insets.left + v.width - v.insets.right) / 2;
      for (let n = 1; n <= PICTURES_PER_WALL; n++) {
        const rects = Array.from({ length: n }, (_, i) => screenRect(pictureCorners(i, n, square, wall), camera, v.width, v.height)!);
        for (const row of [rects.slice(0, 6), rects.slice(6)]) {
          if (row.length === 0) continue;
          const centres = row.map((r) => (r.left + r.right) / 2);
          const span = (Math.min(...row.map((r) => r.left)) + Math.max(...row.map((r) => r.right))) / 2;
          expect(Math.abs(span - middle), `${n} pictures: a row of ${row.length} centred at ${span.toFixed(1)} px, the view's middle ${middle} px`).toBeLessThan(1.5);
          if (row.length % 2) expect(Math.min(...centres.map((c) => Math.abs(c - middle))), `${n} pictures: one in the middle`).toBeLessThan(1.5);
        }
      }
    });

    if (v.width >= 1440) it('shows twenty models in at most three pages', () => {
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

describe('the back wall\'s columns', () => {
  it('hangs a single picture in the middle and fills a row from the middle out, left before right', () => {
    expect(rowColumns(1)).toEqual([0]);
    expect(rowColumns(2)).toEqual([-0.5, 0.5]);
    expect(rowColumns(3)).toEqual([0, -1, 1]);
    expect(rowColumns(6)).toEqual([-0.5, 0.5, -1.5, 1.5, -2.5, 2.5]);
    expect(pictureSpot(0, 1).position[0]).toBe(0);
    // Seven on a page: a full upper row, the seventh alone in the middle of the lower one.
    expect(pictureSpot(6, 7).position[0]).toBe(0);
    expect(pictureSpot(6, 7).position[1]).toBeLessThan(pictureSpot(0, 7).position[1]);
    // The last page of 13: one picture, in the middle of the upper row.
    expect(pictureSpot(12, picturesOnPageOf(12, 13)).position).toEqual(pictureSpot(0, 1).position);
  });
});
