import { memo, Suspense, useCallback, useMemo, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { PerspectiveCamera, TOUCH } from 'three';
import type { ChatModel } from '@/api/chat';
import type { ImageJob } from '@/api/images';
import type { RoomObject } from '@/state/room';
import { Room } from './Room';
import { ModelObjects } from './ModelObjects';
import { GalleryWall, useWall } from './GalleryWall';
import { CameraRig, ViewOffset } from './CameraRig';
import { CAMERA_FOV, CAMERA_START, ORBIT_TARGET, pictureSpot, picturesOnPageOf, type Vec3, type Wall } from './layout';
import { RoomProbe } from './RoomProbe';
import { CompileFirst } from './CompileFirst';

export interface StudioSceneProps {
  /** The models standing in the room (one page of the catalog). */
  models: ChatModel[];
  selectedModel: string | null;
  onPickModel: (id: string) => void;
  /** The pictures hung, in hanging order (newest first); the back wall shows a page of them at a time. */
  pictures: ImageJob[];
  picturePage: number;
  onOpenImage: (id: string) => void;
  focused: RoomObject | null;
  hovered: RoomObject | null;
  onHover: (o: RoomObject | null) => void;
  /** Pixels of the canvas covered by panels on each side (the room is framed in what is left). */
  insets: { left: number; right: number };
  /** Folded away (a phone): nothing is drawn until it shows again, and then its current state at once. */
  paused?: boolean;
}

export const CLEAR_COLOR = '#0b0f14';

/**
 * Where the camera should turn for the focused object: pictures only (all hang on the back wall, in view when the
 * camera has been turned away). Models stand around the orbit target, where turning the camera does not bring one
 * forward but hides it behind its neighbours.
 */
function positionOf(o: RoomObject | null, pictures: ImageJob[], wall: Wall): Vec3 | null {
  if (!o || o.kind !== 'picture') return null;
  const i = pictures.findIndex((p) => p.id === o.id);
  return i < 0 ? null : pictureSpot(i, picturesOnPageOf(i, pictures.length), wall).position;
}

/** The camera framed for the canvas and the panels, turning towards a focused picture that is out of view. */
function Framing({ focused, pictures, insets }: Pick<StudioSceneProps, 'focused' | 'pictures' | 'insets'>) {
  const wall = useWall(insets);
  const lookAt = useMemo(() => positionOf(focused, pictures, wall), [focused, pictures, wall]);
  return (
    <>
      <CameraRig lookAt={lookAt} insets={insets} />
      <ViewOffset insets={insets} />
    </>
  );
}

/** The room: still most of the time, so it renders on demand (orbiting, focus and loading textures invalidate). */
function StudioScene(props: StudioSceneProps) {
  const { models, pictures, focused, hovered } = props;
  const shadowKey = models.map((m) => m.id).join('|');
  // Nothing is drawn until the room's shader programs are compiled (CompileFirst), then on demand; nothing while paused
  // (CompileFirst draws a frame whenever drawing is switched back on).
  const [compiled, setCompiled] = useState(false);
  const onCompiled = useCallback(() => setCompiled(true), []);
  return (
    <Canvas
      frameloop={compiled && !props.paused ? 'demand' : 'never'}
      dpr={[1, 2]}
      camera={{ position: CAMERA_START, fov: CAMERA_FOV, near: 0.1, far: 60 }}
      gl={{ antialias: true, powerPreference: 'high-performance' }}
      data-testid="studio-canvas"
      onCreated={({ camera }) => (camera as PerspectiveCamera).lookAt(...ORBIT_TARGET)}
    >
      <color attach="background" args={[CLEAR_COLOR]} />
      <fog attach="fog" args={[CLEAR_COLOR, 16, 32]} />
      <Suspense fallback={null}>
        <Room shadowKey={shadowKey} />
        <ModelObjects
          models={models}
          selected={props.selectedModel}
          focused={focused}
          hovered={hovered}
          onPick={props.onPickModel}
          onHover={props.onHover}
          insets={props.insets}
        />
        <GalleryWall pictures={pictures} page={props.picturePage} insets={props.insets} focused={focused} hovered={hovered} onOpen={props.onOpenImage} onHover={props.onHover} />
        <CompileFirst onReady={onCompiled} />
      </Suspense>
      {/* One finger turns, two fingers pinch to zoom; no panning, so the room cannot be lost. */}
      <OrbitControls
        makeDefault
        target={ORBIT_TARGET}
        minDistance={3.5}
        maxDistance={11}
        minPolarAngle={Math.PI / 4.2}
        maxPolarAngle={Math.PI / 2.08}
        minAzimuthAngle={-Math.PI / 2.7}
        maxAzimuthAngle={Math.PI / 2.7}
        enablePan={false}
        enableDamping={false}
        touches={{ ONE: TOUCH.ROTATE, TWO: TOUCH.DOLLY_ROTATE }}
      />
      <Framing focused={focused} pictures={pictures} insets={props.insets} />
      <RoomProbe pictures={pictures} page={props.picturePage} insets={props.insets} />
    </Canvas>
  );
}

export default memo(StudioScene);
