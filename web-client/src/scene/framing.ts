import { PerspectiveCamera, Vector3, type Camera } from 'three';
import type { ImageJob } from '@/api/images';
import { CAMERA_FOV, CAMERA_START, cameraZoom, FRAME_BORDER, FULL_WALL, OBJECT_LIFT, ORBIT_TARGET, PLINTH_WIDTH, pictureSize, pictureSpot, type ModelSpot, type Wall } from './layout';

/** A rectangle in CSS pixels of the canvas (left, top, right, bottom). */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Insets {
  left: number;
  right: number;
}

/**
 * Frames the room for the canvas: zoomed in on a small canvas (cameraZoom), and shifted so the room's middle sits in
 * the middle of the part of the canvas the side panels leave free.
 */
export function applyViewOffset(camera: PerspectiveCamera, width: number, height: number, insets: Insets) {
  camera.zoom = cameraZoom({ height, freeWidth: width - insets.left - insets.right });
  const shift = (insets.right - insets.left) / 2;
  if (shift === 0) camera.clearViewOffset(); // both update the projection matrix
  else camera.setViewOffset(width, height, shift, 0, width, height);
}

/** The camera as the room starts (and as Home puts it back), for a canvas of this size. */
export function startCamera(width: number, height: number, insets: Insets): PerspectiveCamera {
  const camera = new PerspectiveCamera(CAMERA_FOV, width / height, 0.1, 60);
  camera.position.set(...CAMERA_START);
  camera.lookAt(...ORBIT_TARGET);
  applyViewOffset(camera, width, height, insets);
  camera.updateMatrixWorld();
  return camera;
}

const p = new Vector3();
/** Where a set of points lands on the canvas: the rectangle around them, or null when any is behind the camera. */
export function screenRect(points: Vector3[], camera: Camera, width: number, height: number): Rect | null {
  const r: Rect = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (const q of points) {
    p.copy(q).project(camera);
    if (p.z > 1) return null;
    const x = ((p.x + 1) / 2) * width;
    const y = ((1 - p.y) / 2) * height;
    r.left = Math.min(r.left, x);
    r.right = Math.max(r.right, x);
    r.top = Math.min(r.top, y);
    r.bottom = Math.max(r.bottom, y);
  }
  return r;
}

/** The corners of the column a model's plinth stands in, from the floor up to `top`. */
function columnCorners(spot: ModelSpot, top: number): Vector3[] {
  const [x, , z] = spot.position;
  const h = PLINTH_WIDTH / 2;
  const out: Vector3[] = [];
  for (const dx of [-h, h]) for (const dz of [-h, h]) for (const y of [0, top]) out.push(new Vector3(x + dx, y, z + dz));
  return out;
}

/** The corners of a model's plinth and of the object on it (its shape fits in a 0.3 m cube, lifted when focused). */
export function modelCorners(spot: ModelSpot): Vector3[] {
  return columnCorners(spot, spot.plinthHeight + 0.7);
}

/** The corners of a model's plinth alone. */
export function plinthCorners(spot: ModelSpot): Vector3[] {
  return columnCorners(spot, spot.plinthHeight);
}

/** The corners of the cube the object on a model's plinth fits in. */
export function objectCorners(spot: ModelSpot): Vector3[] {
  const [x, , z] = spot.position;
  const y = spot.plinthHeight + OBJECT_LIFT;
  const out: Vector3[] = [];
  for (const dx of [-0.3, 0.3]) for (const dz of [-0.3, 0.3]) for (const dy of [-0.3, 0.3]) out.push(new Vector3(x + dx, y + dy, z + dz));
  return out;
}

/** The corners of picture i's frame on its wall, `onPage` pictures hanging on its page. */
export function pictureCorners(i: number, onPage: number, job: Pick<ImageJob, 'width' | 'height'>, wall: Wall = FULL_WALL): Vector3[] {
  const { position: [px, py, pz], rotationY } = pictureSpot(i, onPage, wall);
  const [w, h] = pictureSize(job, wall);
  const hw = w / 2 + FRAME_BORDER;
  const hh = h / 2 + FRAME_BORDER;
  const cos = Math.cos(rotationY);
  const sin = Math.sin(rotationY);
  return [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ].map(([lx, ly]) => new Vector3(px + lx * cos, py + ly, pz - lx * sin));
}

export const overlaps = (a: Rect, b: Rect, gap = 0) =>
  a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
