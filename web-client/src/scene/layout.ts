import type { ImageJob } from '@/api/images';

/** Where things stand in the room (width 14, depth 12, height 5; the back wall at z = -6). Pure numbers, no three.js. */
export type Vec3 = [number, number, number];

export const ROOM = { width: 14, depth: 12, height: 5 } as const;
export const ORBIT_TARGET: Vec3 = [0, 1.45, -1.3];
export const CAMERA_START: Vec3 = [0, 2.6, 8.3];

const ARC_RADIUS = 3.6;
const MODEL_SPACING = 0.95;

/** Model i of n stands on a plinth in an arc opening towards the camera; the arc widens as models are added. */
export function modelSpot(i: number, n: number): { position: Vec3; angle: number } {
  const span = Math.min(2.3, ((n - 1) * MODEL_SPACING) / ARC_RADIUS);
  const angle = n <= 1 ? 0 : -span / 2 + (span * i) / (n - 1);
  return { position: [Math.sin(angle) * ARC_RADIUS, 0, -Math.cos(angle) * ARC_RADIUS + 1.2], angle };
}

export const PLINTH_HEIGHT = 0.85;

const BACK_WALL_X = [0, -2.3, 2.3, -4.6, 4.6];
const SIDE_WALL_Z = [-4.2, -2.2, -0.2, 1.8];
const ROW_Y = [3.45, 1.95];

/** Where picture i hangs: the back wall from the middle out (2 rows of 5), then the side walls (2 rows of 4 each). */
export function pictureSpot(i: number): { position: Vec3; rotationY: number } {
  if (i < 10) return { position: [BACK_WALL_X[i % 5], ROW_Y[i < 5 ? 0 : 1], -5.94], rotationY: 0 };
  const k = (i - 10) % 16;
  const j = k % 8;
  const y = ROW_Y[j < 4 ? 0 : 1];
  const z = SIDE_WALL_Z[j % 4];
  return k < 8 ? { position: [-6.94, y, z], rotationY: Math.PI / 2 } : { position: [6.94, y, z], rotationY: -Math.PI / 2 };
}

export const PICTURE_HEIGHT = 1.2;

/** A picture's width and height in the room, from the image's aspect ratio. */
export function pictureSize(job: ImageJob): [number, number] {
  const aspect = job.width && job.height ? job.width / job.height : 1;
  return [Math.min(1.9, PICTURE_HEIGHT * aspect), PICTURE_HEIGHT];
}
