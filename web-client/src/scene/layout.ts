import type { ImageJob } from '@/api/images';

/** Where things stand in the room (width 14, depth 12, height 5; the back wall at z = -6). Pure numbers, no three.js. */
export type Vec3 = [number, number, number];

export const ROOM = { width: 14, depth: 12, height: 5 } as const;
export const ORBIT_TARGET: Vec3 = [0, 1.45, -1.3];
export const CAMERA_START: Vec3 = [0, 2.6, 8.3];
export const CAMERA_FOV = 48;

// Models stand on two stepped arcs around a point in front of the room: a low front row and a tall back row, so that
// every object (and the placard on its plinth) shows above the row in front of it.
const ARC_CENTRE_Z = 2.4;
const ROW_RADIUS = [3.4, 4.7];
export const ROW_PLINTH_HEIGHT = [0.42, 1.4];
export const PLINTH_WIDTH = 0.56;
/** How far from the camera the middle of each row stands. */
const FRONT_DEPTH = CAMERA_START[2] - (ARC_CENTRE_Z - ROW_RADIUS[0]);
const BACK_DEPTH = CAMERA_START[2] - (ARC_CENTRE_Z - ROW_RADIUS[1]);
const MAX_SPACING = 1.0;
/** The widest a model's placard is drawn, in CSS pixels (a longer name wraps to a second line). */
export const PLACARD_WIDTH = 128;

export interface ModelSpot {
  position: Vec3;
  /** Turn about the arc's centre (radians); the object faces the camera. */
  angle: number;
  plinthHeight: number;
  row: number;
}

/** The free part of the canvas in CSS pixels: its height and the width the side panels leave. */
export interface RoomView {
  height: number;
  freeWidth: number;
}

/** Below this canvas height placards show only for the model in use, focused or pointed at (the object list names all). */
export const COMPACT_BELOW = 520;
const compactView = (view: RoomView) => view.height < COMPACT_BELOW;

/** How much the camera zooms in (a narrower field of view): a small canvas (a phone) frames the models closer. */
export function cameraZoom(view: RoomView): number {
  return compactView(view) ? 1.15 : 1;
}

/** How many models a row holds: placards side by side must stay readable (or, compact, the plinths must not crowd). */
export function modelsPerRow(view: RoomView): number {
  if (compactView(view)) return Math.max(2, Math.min(7, Math.floor((view.freeWidth * 0.88) / 64)));
  // Two rows zig-zag: neighbours in a row stand two half-places apart, which must be a placard's width at the back row
  // (modelSpot): (2r - 1) quarter-spacings fit in the half width the front row may take.
  const fit = Math.floor(((4 * Math.min(freeHalfWidth(view, FRONT_DEPTH - 0.8), arcHalfWidth(view))) / leastSpacing(view, BACK_DEPTH) + 1) / 2);
  return Math.max(2, Math.min(7, fit));
}

/** How many models stand in the room at once (two rows); more are shown a page at a time. */
export function modelsPerPage(view: RoomView): number {
  return 2 * modelsPerRow(view);
}

const TAN_HALF_FOV = Math.tan((CAMERA_FOV * Math.PI) / 360);
/** tan of half the vertical field of view, zoom included. */
const tanHalf = (view: RoomView) => TAN_HALF_FOV / cameraZoom(view);

/** Half the width (metres) a row may take at `depth` metres from the camera so that it stays in the free view. */
function freeHalfWidth(view: RoomView, depth: number): number {
  return depth * tanHalf(view) * (view.freeWidth / view.height) * 0.9 - PLINTH_WIDTH / 2 - 0.1;
}

/**
 * The farthest from the middle the front row's ends may stand so that their plinths and objects stay in the free view,
 * measured where they stand: on a wide canvas the ends come round the arc towards the camera and look bigger there.
 */
function arcHalfWidth(view: RoomView): number {
  const r = ROW_RADIUS[0];
  const fits = (x: number) => {
    const depth = CAMERA_START[2] - (ARC_CENTRE_Z - Math.sqrt(r * r - x * x)) - PLINTH_WIDTH / 2;
    return x + 0.3 <= depth * tanHalf(view) * (view.freeWidth / view.height) * 0.95;
  };
  let lo = 0;
  let hi = r * 0.95;
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The least distance between neighbours (metres) at `depth`: a placard's width on screen; on a small canvas, where
 * placards show one at a time, a plinth's width and more, so the models spread over the width there is.
 */
function leastSpacing(view: RoomView, depth: number): number {
  if (compactView(view)) return 2 * PLINTH_WIDTH;
  const metresPerPixel = (2 * tanHalf(view) * depth) / view.height;
  return Math.max(MAX_SPACING, (PLACARD_WIDTH + 8) * metresPerPixel);
}

/**
 * Model i of the n shown: up to a row's worth stand on the front arc; more stand in a zig-zag, every other model on
 * the taller back arc, half a place along, so each back-row object shows between two front-row ones. Neighbours in a
 * row stand far enough apart for their placards; the whole stays inside the free view.
 */
export function modelSpot(i: number, n: number, view: RoomView): ModelSpot {
  const twoRows = n > modelsPerRow(view);
  const row = twoRows ? i % 2 : 0;
  const radius = ROW_RADIUS[row];
  // Spacing is set by the front row; its ends are nearer the camera than its middle, so measure where they stand.
  const step = twoRows ? 0.5 : 1; // places along the line between model i and i + 1
  const half = Math.min(freeHalfWidth(view, FRONT_DEPTH - 0.8), arcHalfWidth(view), ((n - 1) * step * leastSpacing(view, BACK_DEPTH)) / 2);
  const x = n <= 1 ? 0 : -half + (2 * half * i) / (n - 1);
  const angle = Math.asin(x / radius);
  return {
    position: [x, 0, ARC_CENTRE_Z - Math.cos(angle) * radius],
    angle,
    plinthHeight: ROW_PLINTH_HEIGHT[row],
    row,
  };
}

// Pictures hang high enough that the back row's objects stand below the lower row. All hang on the back wall, the one
// wall the side panels leave in view on a desktop: two rows of up to six, a wall's worth at a time (more are paged:
// PicturePager), each row centred on the wall and filled from the middle out. The side walls stay bare: on a desktop
// the chat and conversation panels cover them until the camera turns, so a picture there could not be seen or reached.
const BACK_WALL_Z = -5.94;
const ROW_Y = [4.05, 2.7];
const PER_BACK_ROW = 6;
/** How many pictures the back wall shows at once. */
export const PICTURES_PER_WALL = 2 * PER_BACK_ROW;

/**
 * The columns (in units of the wall's column spacing, 0 = the wall's middle) of a row of `n` pictures, in hanging
 * order: centred on the wall, from the middle out, left before right (one picture hangs in the middle; two at -0.5 and
 * 0.5; three at 0, -1, 1).
 */
export function rowColumns(n: number): number[] {
  return Array.from({ length: n }, (_, s) => s - (n - 1) / 2).sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
}
const COLUMNS = Array.from({ length: PER_BACK_ROW + 1 }, (_, n) => rowColumns(n));

/** How the pictures hang for a view: the back wall's column spacing (metres) and the pictures' scale. */
export interface Wall {
  spacing: number;
  scale: number;
}
/** The widest hanging: columns 2 m apart, pictures at full size (the back wall is 14 m wide). */
export const FULL_WALL: Wall = { spacing: 2, scale: 1 };

/**
 * The back wall's pictures fit in the part of the wall the free view shows: on a desktop the side panels cover the
 * wall's ends, so the columns close up and the pictures shrink until the outer ones clear the panels.
 */
export function wallLayout(view: RoomView): Wall {
  // The camera looks down a little (about 7 degrees): the wall is a little nearer along its axis than straight ahead.
  const depth = (CAMERA_START[2] - BACK_WALL_Z) * 0.99;
  const half = depth * tanHalf(view) * (view.freeWidth / view.height) * 0.93;
  const outer = ((PER_BACK_ROW - 1) / 2) * FULL_WALL.spacing + PICTURE_MAX_WIDTH / 2 + FRAME_BORDER + 0.05; // the focused frame is wider
  const scale = Math.max(0.5, Math.min(1, half / outer));
  return { spacing: FULL_WALL.spacing * scale, scale };
}

/** The page of the back wall picture i (of those hung, newest first) hangs on. */
export const picturePage = (i: number) => Math.floor(i / PICTURES_PER_WALL);

/** How many pictures hang on the page of picture i when `hung` hang in all. */
export const picturesOnPageOf = (i: number, hung: number) => Math.min(PICTURES_PER_WALL, hung - picturePage(i) * PICTURES_PER_WALL);

/**
 * Where picture i hangs, `onPage` pictures hanging on its page: the first six in the upper row, the rest in the lower,
 * each row centred and filled from the middle out; pictures of other pages are not drawn until their page is shown.
 */
export function pictureSpot(i: number, onPage: number, wall: Wall = FULL_WALL): { position: Vec3; rotationY: number } {
  const k = i % PICTURES_PER_WALL;
  const n = Math.max(k + 1, Math.min(PICTURES_PER_WALL, onPage));
  const upper = k < PER_BACK_ROW;
  const columns = COLUMNS[upper ? Math.min(PER_BACK_ROW, n) : n - PER_BACK_ROW];
  return { position: [columns[upper ? k : k - PER_BACK_ROW] * wall.spacing, ROW_Y[upper ? 0 : 1], BACK_WALL_Z], rotationY: 0 };
}

export const PICTURE_HEIGHT = 1.1;
const PICTURE_MAX_WIDTH = 1.7;
/** The frame's border around a picture (each side), and a wider one for the focused picture. */
export const FRAME_BORDER = 0.08;

/** A picture's width and height in the room, from the image's aspect ratio, at the wall's scale. */
export function pictureSize(job: Pick<ImageJob, 'width' | 'height'>, wall: Wall = FULL_WALL): [number, number] {
  const aspect = job.width && job.height ? job.width / job.height : 1;
  return [Math.min(PICTURE_MAX_WIDTH, PICTURE_HEIGHT * aspect) * wall.scale, PICTURE_HEIGHT * wall.scale];
}

/** How far a model's group turns to face the camera (a share of its place on the arc). */
/** Where a model's object floats above its plinth (the shapes fit in a 0.6 m cube, lifted 15 % when focused). */
export const OBJECT_LIFT = 0.34;

export const modelTurn = (spot: ModelSpot) => -spot.angle * 0.8;

/**
 * How a model's placard hangs: on the front face of its plinth, just under the top (centred on that point); for the
 * front row of two, from the plinth's foot down (its top edge at the foot), since a placard on the face would cover
 * the feet of the taller plinths standing half a place to either side behind; on a small canvas, where the plinths
 * crowd, as a one-line label under the whole front row (at the depth of its nearest foot, so under every plinth).
 */
export type PlacardHang = 'face' | 'foot' | 'underRow';

export function placardHang(spot: ModelSpot, twoRows: boolean, view: RoomView): PlacardHang {
  if (compactView(view)) return 'underRow';
  return twoRows && spot.row === 0 ? 'foot' : 'face';
}

/** The depth (z) of the front row's nearest plinth foot: a label there is below every plinth on screen. */
export const nearestFootZ = (spots: ModelSpot[]) => Math.max(...spots.map((s) => s.position[2])) + PLINTH_WIDTH / 2 + 0.02;

/** Where a model's placard is pinned (see placardHang): the middle of its top edge at a foot, else its centre. */
export function placardAnchor(spot: ModelSpot, hang: PlacardHang = 'face', footZ = 0): Vec3 {
  const [x, , z] = spot.position;
  const turn = modelTurn(spot);
  const out = PLINTH_WIDTH / 2 + 0.02;
  if (hang === 'underRow') return [x, 0, footZ];
  return [x + Math.sin(turn) * out, hang === 'foot' ? 0.02 : spot.plinthHeight - 0.12, z + Math.cos(turn) * out];
}

/**
 * Where a placard's centre goes across the canvas (CSS pixels): under its model, but kept whole inside the free part
 * of the canvas (on a phone the end models stand near the edges, and a placard is a third of the screen wide).
 */
export function placardCentreX(x: number, canvasWidth: number, insets: { left: number; right: number }, width = PLACARD_WIDTH): number {
  const min = insets.left + width / 2 + 4;
  const max = canvasWidth - insets.right - width / 2 - 4;
  return min > max ? x : Math.min(max, Math.max(min, x));
}

/** A placard's tallest height in CSS pixels (a name wrapped to two lines, then the provider). */
export const PLACARD_HEIGHT = 47;
/** The one-line label of a small canvas: its height and widest width in CSS pixels. */
export const LABEL_HEIGHT = 18;
export const LABEL_WIDTH = 240;
