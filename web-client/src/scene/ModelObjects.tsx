import { Html, RoundedBox } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import type { ChatModel } from '@/api/chat';
import type { RoomObject } from '@/state/room';
import { modelSpot, PLINTH_HEIGHT } from './layout';

const FAMILY_COLOR: Record<string, string> = {
  llama: '#f4a582',
  mistral: '#f6c85f',
  codellama: '#7fc8e8',
  offline: '#b8c2cc',
};
export const ACCENT = '#7dd3fc';

function Shape({ family }: { family: string }) {
  switch (family) {
    case 'llama':
      return <icosahedronGeometry args={[0.26, 0]} />;
    case 'mistral':
      return <torusGeometry args={[0.2, 0.075, 20, 48]} />;
    case 'codellama':
      return <boxGeometry args={[0.32, 0.32, 0.32]} />;
    default:
      return <octahedronGeometry args={[0.25, 0]} />;
  }
}

export interface ModelObjectsProps {
  models: ChatModel[];
  selected: string | null;
  focused: RoomObject | null;
  hovered: RoomObject | null;
  onPick: (id: string) => void;
  onHover: (o: RoomObject | null) => void;
}

/** Each chat model is an object on a plinth with a placard; clicking (or Enter in the object list) picks it. */
export function ModelObjects({ models, selected, focused, hovered, onPick, onHover }: ModelObjectsProps) {
  const invalidate = useThree((s) => s.invalidate);
  // drei's Html re-creates its React root when the events target connects; a placard mounted before that stays
  // empty, so placards mount once the canvas's events are connected.
  const connected = useThree((s) => !!s.events.connected);
  return (
    <group>
      {models.map((m, i) => {
        const { position, angle } = modelSpot(i, models.length);
        const active = m.id === selected;
        const isFocused = focused?.kind === 'model' && focused.id === m.id;
        const isHovered = hovered?.kind === 'model' && hovered.id === m.id;
        const color = FAMILY_COLOR[m.family] ?? (m.offline ? FAMILY_COLOR.offline : '#c4b5fd');
        const lift = isFocused || isHovered ? 1.15 : 1;
        const open = isFocused || isHovered || active;
        // Neighbouring placards sit at two heights so that names in a crowded arc do not cover each other.
        const placardY = PLINTH_HEIGHT + (i % 2 === 0 ? 0.95 : 1.28);
        return (
          <group key={m.id} position={position} rotation-y={-angle * 0.6}>
            {/* plinth: pale stone, a darker band at the top edge */}
            <RoundedBox args={[0.6, PLINTH_HEIGHT, 0.6]} radius={0.035} smoothness={3} position-y={PLINTH_HEIGHT / 2}>
              <meshStandardMaterial color={active ? '#e7eef5' : '#cfc8bd'} roughness={0.78} envMapIntensity={0.6} />
            </RoundedBox>
            <mesh position-y={PLINTH_HEIGHT + 0.006} rotation-x={-Math.PI / 2}>
              <ringGeometry args={[0.24, isFocused ? 0.29 : 0.265, 64]} />
              <meshBasicMaterial color={isFocused ? ACCENT : active ? '#ffffff' : '#9c948a'} toneMapped={false} />
            </mesh>
            {isFocused && (
              <pointLight position={[0, PLINTH_HEIGHT + 0.9, 0.4]} intensity={3} distance={2.2} color={ACCENT} />
            )}
            <mesh
              position-y={PLINTH_HEIGHT + 0.36}
              rotation={[0.45, angle + 0.7, 0.2]}
              scale={lift}
              castShadow
              onClick={(e) => {
                e.stopPropagation();
                if (m.available) onPick(m.id);
              }}
              onPointerOver={(e) => {
                e.stopPropagation();
                onHover({ kind: 'model', id: m.id });
                document.body.style.cursor = m.available ? 'pointer' : 'not-allowed';
                invalidate();
              }}
              onPointerOut={() => {
                onHover(null);
                document.body.style.cursor = '';
                invalidate();
              }}
            >
              <Shape family={m.family} />
              <meshPhysicalMaterial
                color={color}
                emissive={isFocused ? ACCENT : color}
                emissiveIntensity={isFocused ? 0.35 : active ? 0.28 : 0.06}
                roughness={0.22}
                metalness={0.35}
                clearcoat={0.6}
                clearcoatRoughness={0.2}
                transparent={!m.available}
                opacity={m.available ? 1 : 0.4}
              />
            </mesh>
            {connected && (
              <Html
                position={[0, placardY, 0]}
                center
                distanceFactor={6.5}
                zIndexRange={[5, 0]}
                style={{ pointerEvents: 'none' }}
              >
                <div
                  data-placard={m.id}
                  className={[
                    'whitespace-nowrap rounded-md border px-2 py-1 text-center leading-tight shadow-lg backdrop-blur-sm transition-colors',
                    isFocused
                      ? 'border-accent bg-[#0b1a24]/85 text-ink'
                      : active
                        ? 'border-white/40 bg-black/65 text-ink'
                        : 'border-white/10 bg-black/50 text-ink/90',
                  ].join(' ')}
                >
                  <div className={open ? 'text-[13px] font-medium' : 'max-w-[8.5rem] truncate text-[12px] font-medium'}>{m.name}</div>
                  <div className="text-[11px] text-muted">
                    {m.offline ? 'offline · not AI' : m.available ? m.provider : `${m.provider} · no token`}
                    {active ? ' · in use' : ''}
                  </div>
                </div>
              </Html>
            )}
          </group>
        );
      })}
    </group>
  );
}
