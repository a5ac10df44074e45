import { useState } from 'react';
import { Html } from '@react-three/drei';
import type { ChatModel } from '@/api/chat';

const FAMILY_COLOR: Record<string, string> = {
  llama: '#f4b183',
  mistral: '#f9d56e',
  codellama: '#8ecae6',
  offline: '#9aa7b4',
};

function Shape({ family }: { family: string }) {
  switch (family) {
    case 'llama':
      return <icosahedronGeometry args={[0.32, 0]} />;
    case 'mistral':
      return <torusGeometry args={[0.26, 0.1, 16, 40]} />;
    case 'codellama':
      return <boxGeometry args={[0.42, 0.42, 0.42]} />;
    default:
      return <octahedronGeometry args={[0.3, 0]} />;
  }
}

/** Each chat model stands on a plinth in an arc; clicking one picks it for the next message. */
export function ModelObjects({ models, selected, onPick }: { models: ChatModel[]; selected: string | null; onPick: (id: string) => void }) {
  const [hovered, setHovered] = useState<string | null>(null);
  const n = models.length;
  return (
    <group position={[0, 0, 0.6]}>
      {models.map((m, i) => {
        const angle = n <= 1 ? 0 : -0.9 + (1.8 * i) / (n - 1);
        const x = Math.sin(angle) * 3.4;
        const z = -Math.cos(angle) * 2.2 + 0.4;
        const active = m.id === selected;
        const color = FAMILY_COLOR[m.family] ?? (m.offline ? FAMILY_COLOR.offline : '#c4b5fd');
        return (
          <group key={m.id} position={[x, 0, z]}>
            <mesh position={[0, 0.45, 0]}>
              <cylinderGeometry args={[0.34, 0.4, 0.9, 32]} />
              <meshStandardMaterial color={active ? '#22384d' : '#1f262f'} roughness={0.6} />
            </mesh>
            <mesh
              position={[0, 1.25, 0]}
              rotation={[0.4, angle + 0.6, 0.2]}
              scale={hovered === m.id || active ? 1.15 : 1}
              onClick={(e) => {
                e.stopPropagation();
                if (m.available) onPick(m.id);
              }}
              onPointerOver={(e) => {
                e.stopPropagation();
                setHovered(m.id);
                document.body.style.cursor = m.available ? 'pointer' : 'not-allowed';
              }}
              onPointerOut={() => {
                setHovered(null);
                document.body.style.cursor = '';
              }}
            >
              <Shape family={m.family} />
              <meshStandardMaterial
                color={color}
                emissive={color}
                emissiveIntensity={active ? 0.55 : 0.12}
                roughness={0.35}
                metalness={0.2}
                transparent={!m.available}
                opacity={m.available ? 1 : 0.35}
              />
            </mesh>
            {active && (
              <mesh position={[0, 0.92, 0]} rotation={[-Math.PI / 2, 0, 0]}>
                <ringGeometry args={[0.42, 0.47, 48]} />
                <meshBasicMaterial color="#7dd3fc" />
              </mesh>
            )}
            {(active || hovered === m.id) && (
            <Html position={[0, 1.85, 0]} center distanceFactor={7} zIndexRange={[10, 0]} style={{ pointerEvents: 'none' }}>
              <div className="whitespace-nowrap rounded-md bg-black/55 px-2 py-0.5 text-[11px] text-ink">
                {m.name}
                <span className="ml-1 text-muted">{m.offline ? '· offline' : `· ${m.provider}`}</span>
              </div>
            </Html>
            )}
          </group>
        );
      })}
    </group>
  );
}
