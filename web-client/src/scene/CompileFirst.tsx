import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';

/** The room is drawn after this long even if the compiler never reports the programs ready. */
const GIVE_UP_MS = 20_000;

/**
 * Compiles the room's shader programs before its first frame, off the main thread where the browser can
 * (`renderer.compileAsync`: KHR_parallel_shader_compile lets the page go on while the GPU process compiles and links;
 * without it the programs are still started together and polled). The canvas draws nothing until then
 * (frameloop "never"), so the first frame does not wait for a dozen programs compiled one after another. Mounted after
 * the room's objects, so their materials (and the environment map set in a layout effect) are in the scene.
 */
export function CompileFirst({ onReady }: { onReady: () => void }) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const frameloop = useThree((s) => s.frameloop);
  const invalidate = useThree((s) => s.invalidate);
  // The first frame, once drawing is switched on.
  useEffect(() => {
    if (frameloop !== 'never') invalidate();
  }, [frameloop, invalidate]);
  useEffect(() => {
    let live = true;
    // A program that fails to compile is reported by three.js at its first use; the room is shown either way, and
    // after a while even if the compiler never says it is done.
    const giveUp = window.setTimeout(() => live && onReady(), GIVE_UP_MS);
    performance.mark('room:compile-start');
    gl.compileAsync(scene, camera)
      .catch(() => undefined)
      .then(() => {
        performance.mark('room:compiled');
        if (live) onReady();
      });
    return () => {
      live = false;
      window.clearTimeout(giveUp);
    };
  }, [gl, scene, camera, onReady]);
  return null;
}
