import { useEffect, useState } from 'react';
import { useThree } from '@react-three/fiber';
import { SRGBColorSpace, TextureLoader, type Texture } from 'three';
import { thumbnailUrl, type ImageJob } from '@/api/images';

const MAX_HUNG = 36;
const loader = new TextureLoader().setCrossOrigin('use-credentials');

/** Where picture i hangs: the back wall first (2 rows of 6), then the side walls. */
function placement(i: number): { position: [number, number, number]; rotation: [number, number, number] } {
  const row = Math.floor(i / 6) % 2;
  const col = i % 6;
  const wall = Math.floor(i / 12);
  const y = row === 0 ? 2.9 : 1.55;
  if (wall === 0) return { position: [-5 + col * 2, y, -5.95], rotation: [0, 0, 0] };
  const z = -4.5 + col * 1.8;
  if (wall === 1) return { position: [-6.95, y, z], rotation: [0, Math.PI / 2, 0] };
  return { position: [6.95, y, z], rotation: [0, -Math.PI / 2, 0] };
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
  const h = 1.05;
  const w = Math.min(1.6, h * aspect);

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
