import { useEffect } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Vector3, type Camera, type Object3D, type Scene, type Texture } from 'three';
import type { ImageJob } from '@/api/images';
import { OBJECT_LIFT } from './layout';
import { modelCorners, objectCorners, pictureCorners, plinthCorners, screenRect } from './framing';
import { modelsStanding } from './ModelObjects';
import { pictureState, picturesOnPage, picturesShown, useWall } from './GalleryWall';

let frameStart = 0;
let frameTimes: number[] | null = null;

/** Bytes of the textures the scene uses (materials, environment), as uploaded: RGBA, mipmaps, six faces for a cube. */
function textureBytes(scene: Scene): number {
  const seen = new Set<Texture>();
  const add = (t: unknown) => t && (t as Texture).isTexture && seen.add(t as Texture);
  add(scene.environment);
  add(scene.background);
  scene.traverse((o: Object3D) => {
    const material = (o as unknown as { material?: unknown }).material;
    for (const m of Array.isArray(material) ? material : material ? [material] : []) for (const v of Object.values(m)) add(v);
  });
  let bytes = 0;
  for (const t of seen) {
    // A cube render target's texture holds its six faces as an array of images.
    const image = t.image as { width?: number; height?: number } | { width?: number; height?: number }[] | undefined;
    const img = (Array.isArray(image) ? image[0] : image) ?? {};
    const faces = Array.isArray(image) ? image.length : 1;
    const texel = t.type === 1016 ? 8 : t.type === 1015 ? 16 : 4; // HalfFloatType, FloatType, else 8-bit RGBA
    const mips = t.generateMipmaps && t.minFilter >= 1004 ? 4 / 3 : 1;
    bytes += (img.width ?? 0) * (img.height ?? 0) * texel * faces * mips;
  }
  return Math.round(bytes);
}

/**
 * What the end-to-end tests and the benchmark (bench/web) read through `window.__studioRoom`: the renderer's counters,
 * where models and pictures are on the page, an estimate of texture memory, and, when asked, the JavaScript time of
 * each frame (from the first useFrame callback to the end of the main render call).
 */
export function RoomProbe({ pictures: hung, page, insets }: { pictures: ImageJob[]; page: number; insets: { left: number; right: number } }) {
  const wall = useWall(insets);
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const controls = useThree((s) => s.controls) as { getAzimuthalAngle?: () => number; getDistance?: () => number } | null;
  const invalidate = useThree((s) => s.invalidate);
  const scene = useThree((s) => s.scene);
  useFrame(() => {
    frameStart = performance.now();
  }, -1000);
  useEffect(() => {
    const render = gl.render;
    gl.render = function (this: typeof gl, s: Object3D, c: Camera) {
      render.call(this, s, c);
      if (frameTimes && s === scene) frameTimes.push(performance.now() - frameStart);
    };
    return () => {
      gl.render = render;
    };
  }, [gl, scene]);
  useEffect(() => {
    const w = window as unknown as { __studioRoom?: unknown };
    const probe = {
      info: () => ({
        calls: gl.info.render.calls,
        triangles: gl.info.render.triangles,
        textures: gl.info.memory.textures,
        geometries: gl.info.memory.geometries,
        frame: gl.info.render.frame,
      }),
      pictures: picturesShown,
      pictureState,
      azimuth: () => controls?.getAzimuthalAngle?.() ?? 0,
      distance: () => controls?.getDistance?.() ?? 0,
      invalidate,
      textureBytes: () => textureBytes(scene),
      /** Starts recording each frame's JavaScript time (ms); `false` stops and answers what was recorded. */
      timeFrames: (on: boolean) => {
        const out = frameTimes ?? [];
        frameTimes = on ? [] : null;
        return out;
      },
      /** Where each model (plinth and object) and each picture's frame on the wall now is on the page, in CSS pixels. */
      layout: () => {
        const pictures = picturesOnPage(hung, page);
        const box = gl.domElement.getBoundingClientRect();
        const onPage = (r: ReturnType<typeof screenRect>) =>
          r && { left: r.left + box.left, right: r.right + box.left, top: r.top + box.top, bottom: r.bottom + box.top };
        return {
          models: [...modelsStanding].map(([id, spot]) => {
            const [x, , z] = spot.position;
            const centre = screenRect([new Vector3(x, spot.plinthHeight + OBJECT_LIFT, z)], camera, size.width, size.height);
            return {
              id,
              rect: onPage(screenRect(modelCorners(spot), camera, size.width, size.height)),
              plinth: onPage(screenRect(plinthCorners(spot), camera, size.width, size.height)),
              body: onPage(screenRect(objectCorners(spot), camera, size.width, size.height)),
              object: centre && { x: centre.left + box.left, y: centre.top + box.top },
            };
          }),
          hung: hung.length,
          picturePage: page,
          pictures: pictures.map((job, i) => ({ id: job.id, rect: onPage(screenRect(pictureCorners(i, pictures.length, job, wall), camera, size.width, size.height)) })),
        };
      },
    };
    w.__studioRoom = probe;
    return () => {
      // only our own: a canvas that is replaced is torn down after its successor has set its probe
      if (w.__studioRoom === probe) delete w.__studioRoom;
    };
  }, [gl, controls, invalidate, camera, size, hung, page, scene, wall]);
  return null;
}

