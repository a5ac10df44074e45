import { memo, Suspense } from 'react';
import { Canvas } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import type { ChatModel } from '@/api/chat';
import type { ImageJob } from '@/api/images';
import { Room } from './Room';
import { ModelObjects } from './ModelObjects';
import { GalleryWall } from './GalleryWall';

export interface StudioSceneProps {
  models: ChatModel[];
  selectedModel: string | null;
  onPickModel: (id: string) => void;
  images: ImageJob[];
  onOpenImage: (id: string) => void;
}

export const CLEAR_COLOR = '#0b0f14';

/** The room: still most of the time, so it renders on demand (orbiting and loading textures invalidate). */
function StudioScene(props: StudioSceneProps) {
  return (
    <Canvas
      frameloop="demand"
      dpr={[1, 2]}
      camera={{ position: [0, 2.3, 9.5], fov: 50, near: 0.1, far: 60 }}
      gl={{ antialias: true, powerPreference: 'high-performance' }}
      aria-label="3D studio room: orbit with drag or touch, pick a model object, click a picture to open it"
      data-testid="studio-canvas"
    >
      <color attach="background" args={[CLEAR_COLOR]} />
      <fog attach="fog" args={[CLEAR_COLOR, 14, 30]} />
      <Room />
      <Suspense fallback={null}>
        <ModelObjects models={props.models} selected={props.selectedModel} onPick={props.onPickModel} />
        <GalleryWall images={props.images} onOpen={props.onOpenImage} />
      </Suspense>
      <OrbitControls
        makeDefault
        target={[0, 1.9, -2]}
        minDistance={3}
        maxDistance={12.5}
        minPolarAngle={Math.PI / 5}
        maxPolarAngle={Math.PI / 2.05}
        minAzimuthAngle={-Math.PI / 2.6}
        maxAzimuthAngle={Math.PI / 2.6}
        enablePan={false}
      />
    </Canvas>
  );
}

export default memo(StudioScene);
