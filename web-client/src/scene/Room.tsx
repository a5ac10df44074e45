import { memo, useState, type ComponentProps } from 'react';
import { ContactShadows, Environment, Lightformer } from '@react-three/drei';
import { Object3D } from 'three';
import type { Vec3 } from './layout';

/** A spot light aimed at a point (its target object is in the scene, so three.js keeps its matrix current). */
function Spot({ aim, ...props }: { aim: Vec3 } & ComponentProps<'spotLight'>) {
  const [target] = useState(() => new Object3D());
  return (
    <>
      <primitive object={target} position={aim} />
      <spotLight target={target} {...props} />
    </>
  );
}

/**
 * A calm gallery at dusk: warm oak floor, soft slate walls, light washing down the walls from a ceiling cove.
 * Reflections come from a small environment of local Lightformers rendered once (no HDR file, nothing fetched).
 */
export const Room = memo(function Room({ shadowKey }: { shadowKey: string }) {
  return (
    <group>
      <hemisphereLight args={['#e8eef5', '#3a2a1e', 0.75]} />
      <ambientLight intensity={0.18} />
      {/* wall washers: warm light grazing the back wall and the pictures on it */}
      <Spot position={[0, 4.8, -2.2]} angle={1.0} penumbra={1} intensity={38} distance={11} decay={1.6} color="#ffe6c4" aim={[0, 2.5, -6]} />
      <Spot position={[-4.2, 4.8, 0]} angle={0.9} penumbra={1} intensity={18} distance={9} decay={1.6} color="#ffe9cf" aim={[-7, 2.7, 0]} />
      <Spot position={[4.2, 4.8, 0]} angle={0.9} penumbra={1} intensity={18} distance={9} decay={1.6} color="#ffe9cf" aim={[7, 2.7, 0]} />
      {/* key light over the plinths */}
      <Spot position={[0, 4.9, 1.5]} angle={0.85} penumbra={0.9} intensity={30} distance={10} decay={1.5} color="#fff4e6" aim={[0, 0.8, -1.6]} />

      <Environment resolution={128} frames={1}>
        <color attach="background" args={['#1a1d22']} />
        <Lightformer form="rect" intensity={2.2} color="#fff1dc" position={[0, 5, -1]} rotation-x={Math.PI / 2} scale={[8, 3, 1]} />
        <Lightformer form="rect" intensity={0.9} color="#cfe3ff" position={[-6, 2.5, 0]} rotation-y={Math.PI / 2} scale={[10, 2, 1]} />
        <Lightformer form="rect" intensity={0.9} color="#ffd9b0" position={[6, 2.5, 0]} rotation-y={-Math.PI / 2} scale={[10, 2, 1]} />
        <Lightformer form="ring" intensity={1.4} color="#7dd3fc" position={[0, 2, 8]} scale={3} />
      </Environment>

      {/* floor: warm oak, a little sheen */}
      <mesh rotation-x={-Math.PI / 2}>
        <planeGeometry args={[14, 12]} />
        <meshStandardMaterial color="#6a4e37" roughness={0.5} metalness={0.05} envMapIntensity={0.6} />
      </mesh>
      {/* a quiet rug under the plinths */}
      <mesh rotation-x={-Math.PI / 2} position={[0, 0.004, -1.3]}>
        <circleGeometry args={[4.3, 96]} />
        <meshStandardMaterial color="#3b3631" roughness={1} envMapIntensity={0.25} />
      </mesh>
      {/* Drawn once, and once more whenever this renders (a new shadowKey: other models stand in the room). Not
          remounted with a key: drei's ContactShadows never disposes its two render targets, so each remount leaked
          two 512 x 512 textures (seen in bench/web as 7 -> 9 textures). */}
      <ContactShadows userData={{ models: shadowKey }} position={[0, 0.01, -1]} scale={12} resolution={512} far={2.5} blur={2.4} opacity={0.6} frames={1} color="#0b0806" />

      {/* walls */}
      <mesh position={[0, 2.5, -6]}>
        <planeGeometry args={[14, 5]} />
        <meshStandardMaterial color="#5b6370" roughness={0.92} envMapIntensity={0.35} />
      </mesh>
      <mesh position={[-7, 2.5, 0]} rotation-y={Math.PI / 2}>
        <planeGeometry args={[12, 5]} />
        <meshStandardMaterial color="#535b67" roughness={0.92} envMapIntensity={0.35} />
      </mesh>
      <mesh position={[7, 2.5, 0]} rotation-y={-Math.PI / 2}>
        <planeGeometry args={[12, 5]} />
        <meshStandardMaterial color="#535b67" roughness={0.92} envMapIntensity={0.35} />
      </mesh>
      {/* ceiling with a glowing cove */}
      <mesh position={[0, 5, 0]} rotation-x={Math.PI / 2}>
        <planeGeometry args={[14, 12]} />
        <meshStandardMaterial color="#3a3f47" emissive="#30353d" roughness={1} />
      </mesh>
      <mesh position={[0, 4.97, -1.5]} rotation-x={Math.PI / 2}>
        <planeGeometry args={[9, 5]} />
        <meshBasicMaterial color="#fff3df" toneMapped={false} transparent opacity={0.3} />
      </mesh>
      {/* skirting boards */}
      <mesh position={[0, 0.07, -5.98]}>
        <boxGeometry args={[14, 0.14, 0.04]} />
        <meshStandardMaterial color="#2a2f37" roughness={0.6} />
      </mesh>
      <mesh position={[-6.98, 0.07, 0]} rotation-y={Math.PI / 2}>
        <boxGeometry args={[12, 0.14, 0.04]} />
        <meshStandardMaterial color="#2a2f37" roughness={0.6} />
      </mesh>
      <mesh position={[6.98, 0.07, 0]} rotation-y={-Math.PI / 2}>
        <boxGeometry args={[12, 0.14, 0.04]} />
        <meshStandardMaterial color="#2a2f37" roughness={0.6} />
      </mesh>
    </group>
  );
});
