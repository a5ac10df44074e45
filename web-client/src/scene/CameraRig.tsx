import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { Spherical, Vector3, type PerspectiveCamera } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import { ORBIT_TARGET, type Vec3 } from './layout';
import { applyViewOffset } from './framing';

const offset = new Vector3();
const spherical = new Spherical();
const probe = new Vector3();
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Turns the camera around the orbit target within the controls' limits (keyboard and "look at" both use it). */
function orbitBy(controls: OrbitControlsImpl, dTheta: number, dPhi: number, zoom: number) {
  const camera = controls.object;
  offset.copy(camera.position).sub(controls.target);
  spherical.setFromVector3(offset);
  spherical.theta = clamp(spherical.theta + dTheta, controls.minAzimuthAngle, controls.maxAzimuthAngle);
  spherical.phi = clamp(spherical.phi + dPhi, controls.minPolarAngle, controls.maxPolarAngle);
  spherical.radius = clamp(spherical.radius * zoom, controls.minDistance, controls.maxDistance);
  offset.setFromSpherical(spherical);
  camera.position.copy(controls.target).add(offset);
  controls.update();
}

/**
 * Keyboard orbit on the focused canvas (arrows turn and tilt, +/- zoom, Home resets), and a gentle turn towards the
 * object a keyboard user moved to when it is out of view. `insets` are the pixels covered by panels at each side.
 */
export function CameraRig({ lookAt, insets }: { lookAt: Vec3 | null; insets: { left: number; right: number } }) {
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null;
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const goal = useRef<number | null>(null);

  useEffect(() => {
    if (!controls) return;
    const el = gl.domElement;
    el.tabIndex = 0;
    el.setAttribute('role', 'application');
    el.setAttribute('aria-roledescription', '3D room');
    el.setAttribute(
      'aria-label',
      'Studio room. Arrow keys turn and tilt the view, plus and minus zoom, Home resets. Tab to the object list to pick a model or open a picture.',
    );
    const start = controls.object.position.clone();
    const onKey = (e: KeyboardEvent) => {
      const step = e.shiftKey ? 0.3 : 0.1;
      const moves: Record<string, [number, number, number]> = {
        ArrowLeft: [step, 0, 1],
        ArrowRight: [-step, 0, 1],
        ArrowUp: [0, -step * 0.6, 1],
        ArrowDown: [0, step * 0.6, 1],
        '+': [0, 0, 0.9],
        '=': [0, 0, 0.9],
        '-': [0, 0, 1.1],
        _: [0, 0, 1.1],
      };
      if (e.key === 'Home') {
        goal.current = null;
        camera.position.copy(start);
        controls.update();
      } else if (moves[e.key]) {
        goal.current = null;
        orbitBy(controls, ...moves[e.key]);
      } else {
        return;
      }
      e.preventDefault();
      invalidate();
    };
    const cancel = () => {
      goal.current = null;
    };
    el.addEventListener('keydown', onKey);
    controls.addEventListener('start', cancel);
    return () => {
      el.removeEventListener('keydown', onKey);
      controls.removeEventListener('start', cancel);
    };
  }, [controls, gl, camera, invalidate]);

  // Turn towards an object only when it is hidden (outside the part of the canvas the panels leave free).
  useEffect(() => {
    if (!controls || !lookAt) return;
    probe.set(...lookAt).project(camera);
    const px = ((probe.x + 1) / 2) * size.width;
    const visible = probe.z < 1 && px > insets.left + 40 && px < size.width - insets.right - 40 && Math.abs(probe.y) < 0.9;
    if (visible) return;
    const dx = lookAt[0] - ORBIT_TARGET[0];
    const dz = lookAt[2] - ORBIT_TARGET[2];
    goal.current = clamp(Math.atan2(-dx, -dz) * 0.85, controls.minAzimuthAngle, controls.maxAzimuthAngle);
    invalidate();
  }, [lookAt, controls, camera, size, insets, invalidate]);

  useFrame(() => {
    if (goal.current === null || !controls) return;
    const d = goal.current - controls.getAzimuthalAngle();
    if (Math.abs(d) < 0.003) {
      goal.current = null;
      return;
    }
    orbitBy(controls, d * 0.2, 0, 1);
    invalidate();
  });
  return null;
}

/** Shifts the picture so the room's middle sits in the middle of the part of the canvas the panels leave free. */
export function ViewOffset({ insets }: { insets: { left: number; right: number } }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    applyViewOffset(camera, size.width, size.height, insets);
    invalidate();
  }, [camera, size, insets, invalidate]);
  return null;
}
