import { useEffect, useState } from 'react';
import { useThree } from '@react-three/fiber';
import { SRGBColorSpace, TextureLoader, type Texture } from 'three';
import { thumbnailUrl, type ImageJob } from '@/api/images';

const MAX_HUNG = 26;
const loader = new TextureLoader().setCrossOrigin('use-credentials');

const BACK_WALL_X = [0, -2.3, 2.3, -4.6, 4.6];
const SIDE_WALL_Z = [-4, -2, 0, 2];

/** Where picture i hangs: the back wall from the middle out (2 rows of 5), then the side walls (2 rows of 4 each). */
function placement(i: number): { position: [number, number, number]; rotation: [number, number, number] } {
  if (i < 10) {
    const y = i < 5 ? 2.75 : 1.3;
    return { position: [BACK_WALL_X[i % 5], y, -5.95], rotation: [0, 0, 0] };
  }
  const k = (i - 10) % 16;
  const left = k < 8;
  const j = k % 8;
  const y = j < 4 ? 2.75 : 1.3;
  const z = SIDE_WALL_Z[j % 4];
  return left
    ? { position: [-6.95, y, z], rotation: [0, Math.PI / 2, 0] }
    : { position: [6.95, y, z], rotation: [0, -Math.PI / 2, 0] };
}

/** Finished images hang as framed pictures; a click opens one full size. Textures are disposed when they leave. */
export function GalleryWall({ images, onOpen }: { images: ImageJob[]; onOpen: (id: string) => void }) {
  const hung = images.filter((j) => j.status === 'succeeded' || j.status === 'queued' || j.status === 'running').slice(0, MAX_HUNG);
  return (
    <group>
      {hung.map((job, i) => (
        <Frame key={job.id} job={job} {...placement(i)} onOpen={onOpen} />
      ))}
    </group>
  );
}

function Frame({
  job,
  position,
  rotation,
  onOpen,
}: {
  job: ImageJob;
  position: [number, number, number];
  rotation: [number, number, number];
  onOpen: (id: string) => void;
}) {
  const invalidate = useThree((s) => s.invalidate);
  const [texture, setTexture] = useState<Texture | null>(null);
  const [hover, setHover] = useState(false);
  const done = job.status === 'succeeded';
  const aspect = job.width && job.height ? job.width / job.height : 1;
  const h = 1.2;
  const w = Math.min(1.9, h * aspect);

  const url = done ? thumbnailUrl(job) : null;
  useEffect(() => {
    if (!url) return;
    let alive = true;
    let loaded: Texture | null = null;
    loader.load(url, (t) => {
      t.colorSpace = SRGBColorSpace;
      if (!alive) {
        t.dispose();
        return;
      }
      loaded = t;
      setTexture(t);
      invalidate();
    });
    return () => {
      alive = false;
      loaded?.dispose();
    };
  }, [url, invalidate]);

  return (
    <group position={position} rotation={rotation}>
      <mesh position={[0, 0, 0.02]}>
        <boxGeometry args={[w + 0.14, h + 0.14, 0.05]} />
        <meshStandardMaterial color={hover ? '#c9a66b' : '#8a6d45'} roughness={0.5} metalness={0.3} />
      </mesh>
      <mesh
        position={[0, 0, 0.05]}
        onClick={(e) => {
          e.stopPropagation();
          if (done) onOpen(job.id);
        }}
        onPointerOver={(e) => {
          e.stopPropagation();
          setHover(true);
          document.body.style.cursor = done ? 'zoom-in' : 'progress';
          invalidate();
        }}
        onPointerOut={() => {
          setHover(false);
          document.body.style.cursor = '';
          invalidate();
        }}
      >
        <planeGeometry args={[w, h]} />
        {texture ? (
          <meshBasicMaterial map={texture} toneMapped={false} />
        ) : (
          <meshStandardMaterial color={done ? '#20262e' : '#2d3a48'} emissive="#7dd3fc" emissiveIntensity={done ? 0 : 0.08} />
        )}
      </mesh>
    </group>
  );
}
