import { Fragment, useEffect, useMemo } from 'react';
import { Html } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { RingGeometry, Vector3, type Camera, type Object3D } from 'three';
import { RoundedBoxGeometry } from 'three/examples/jsm/geometries/RoundedBoxGeometry.js';
import type { ChatModel } from '@/api/chat';
import type { RoomObject } from '@/state/room';
import { COMPACT_BELOW, LABEL_WIDTH, modelSpot, nearestFootZ, OBJECT_LIFT, modelTurn, PLACARD_WIDTH, placardAnchor, placardCentreX, placardHang, PLINTH_WIDTH, ROW_PLINTH_HEIGHT, type ModelSpot } from './layout';

const FAMILY_COLOR: Record<string, string> = {
  llama: '#f4a582',
  mistral: '#f6c85f',
  codellama: '#7fc8e8',
  offline: '#b8c2cc',
};
export const ACCENT = '#7dd3fc';

/** Where each model on show stands (read by the end-to-end layout check through `window.__studioRoom`). */
export const modelsStanding = new Map<string, ModelSpot>();

/** A placard name's type: smaller for a long one; a name without spaces (an id) breaks anywhere. */
export function placardNameClass(name: string): string {
  const size = name.length > 28 ? 'text-[10.5px] leading-[13px]' : 'text-[11.5px] leading-[14px]';
  return `${size} ${/\s/.test(name) ? '[overflow-wrap:anywhere]' : 'break-all'}`;
}

/** The placard's second line: where the model runs, or that it is in use (the name of an offline one says "not AI"). */
export function placardNote(m: Pick<ChatModel, 'offline' | 'available' | 'provider'>, active: boolean): string {
  if (active) return `in use · ${m.offline ? 'offline' : m.provider}`;
  return m.offline ? 'offline · not AI' : m.available ? m.provider : `${m.provider} · no token`;
}

const anchor = new Vector3();
/** drei's Html placement (the anchor projected onto the canvas), with the placard kept inside the free view. */
function placeInside(insets: { left: number; right: number }, width: number) {
  return (el: Object3D, camera: Camera, size: { width: number; height: number }): number[] => {
    anchor.setFromMatrixPosition(el.matrixWorld).project(camera);
    const x = ((anchor.x + 1) / 2) * size.width;
    return [placardCentreX(x, size.width, insets, width), ((1 - anchor.y) / 2) * size.height];
  };
}

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
  /** The models on show (one page of the catalog). */
  models: ChatModel[];
  selected: string | null;
  focused: RoomObject | null;
  hovered: RoomObject | null;
  onPick: (id: string) => void;
  onHover: (o: RoomObject | null) => void;
  insets: { left: number; right: number };
}

/**
 * Each chat model is an object on a plinth with a placard on the plinth's face; clicking (or Enter in the object list)
 * picks it. Up to a row's worth stand on one arc; more stand on a second, taller arc behind, so nothing hides.
 */
export function ModelObjects({ models, selected, focused, hovered, onPick, onHover, insets }: ModelObjectsProps) {
  const invalidate = useThree((s) => s.invalidate);
  const size = useThree((s) => s.size);
  // drei's Html re-creates its React root when the events target connects; a placard mounted before that stays
  // empty, so placards mount once the canvas's events are connected.
  const connected = useThree((s) => !!s.events.connected);
  const view = useMemo(
    () => ({ height: size.height, freeWidth: size.width - insets.left - insets.right }),
    [size.width, size.height, insets.left, insets.right],
  );
  // On a small canvas only the placards of the model in use, focused or pointed at show; the object list names all.
  const compact = size.height < COMPACT_BELOW;
  // One geometry per plinth height and one ring, shared by every model.
  const plinths = useMemo(() => ROW_PLINTH_HEIGHT.map((h) => new RoundedBoxGeometry(PLINTH_WIDTH, h, PLINTH_WIDTH, 3, 0.035)), []);
  const ring = useMemo(() => new RingGeometry(0.22, 0.25, 48), []);
  useEffect(
    () => () => {
      plinths.forEach((g) => g.dispose());
      ring.dispose();
    },
    [plinths, ring],
  );
  const spots = useMemo(() => models.map((_, i) => modelSpot(i, models.length, view)), [models, view]);
  const twoRows = spots.some((s) => s.row === 1);
  const footZ = useMemo(() => nearestFootZ(spots), [spots]);
  const placard = useMemo(() => placeInside(insets, PLACARD_WIDTH), [insets]);
  const label = useMemo(() => placeInside(insets, LABEL_WIDTH), [insets]);
  useEffect(() => {
    modelsStanding.clear();
    models.forEach((m, i) => modelsStanding.set(m.id, spots[i]));
    invalidate();
  }, [models, spots, invalidate]);

  return (
    <group>
      {models.map((m, i) => {
        const spot = spots[i];
        const h = spot.plinthHeight;
        const active = m.id === selected;
        const isFocused = focused?.kind === 'model' && focused.id === m.id;
        const isHovered = hovered?.kind === 'model' && hovered.id === m.id;
        const color = FAMILY_COLOR[m.family] ?? (m.offline ? FAMILY_COLOR.offline : '#c4b5fd');
        const lift = isFocused || isHovered ? 1.15 : 1;
        const hang = placardHang(spot, twoRows, view);
        const [ax, ay, az] = placardAnchor(spot, hang, footZ);
        return (
          <group key={m.id}>
            <group position={spot.position} rotation-y={modelTurn(spot)}>
              {/* plinth: pale stone, a ring on top (accent when focused) */}
              <mesh geometry={plinths[spot.row]} position-y={h / 2}>
                <meshStandardMaterial color={active ? '#e7eef5' : '#cfc8bd'} roughness={0.78} envMapIntensity={0.6} />
              </mesh>
              <mesh geometry={ring} position-y={h + 0.006} rotation-x={-Math.PI / 2} scale={isFocused ? 1.12 : 1}>
                <meshBasicMaterial color={isFocused ? ACCENT : active ? '#ffffff' : '#9c948a'} toneMapped={false} />
              </mesh>
              {isFocused && <pointLight position={[0, h + 0.9, 0.4]} intensity={3} distance={2.2} color={ACCENT} />}
              <mesh
                position-y={h + OBJECT_LIFT}
                rotation={[0.45, spot.angle + 0.7, 0.2]}
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
            </group>
            {connected && (!compact || active || isFocused || isHovered) && (
              <Html
                position={[ax, ay, az]}
                calculatePosition={hang === 'underRow' ? label : placard}
                zIndexRange={[5, 0]}
                style={{ pointerEvents: 'none' }}
              >
                {/* Centred on its anchor on a plinth's face; hung from it (top edge there) at a foot or under the row. */}
                <div
                  data-placard={m.id}
                  data-hang={hang}
                  title={m.name}
                  style={{
                    width: 'max-content',
                    maxWidth: hang === 'underRow' ? LABEL_WIDTH : PLACARD_WIDTH,
                    transform: hang === 'face' ? 'translate(-50%, -50%)' : 'translate(-50%, 2px)',
                  }}
                  className={[
                    'rounded-md border text-center leading-tight shadow-md',
                    hang === 'underRow' ? 'px-1.5 py-px' : 'px-1.5 py-1',
                    isFocused
                      ? 'border-accent bg-[#0b1a24]/90 text-ink'
                      : active
                        ? 'border-white/45 bg-black/75 text-ink'
                        : 'border-white/10 bg-black/65 text-ink/90',
                  ].join(' ')}
                >
                  {hang === 'underRow' ? (
                    // A small canvas: one line under the row (the object list and the picker say the rest).
                    <div data-placard-name className="whitespace-nowrap text-[11px] leading-[14px] font-medium">
                      {m.name}
                      {active && <span className="font-normal text-[#aab4c0]"> · in use</span>}
                    </div>
                  ) : (
                    <>
                      {/* The whole name: a long one wraps to a second line, between words, or anywhere in a name
                          without spaces (ids such as "mixtral:8x7b-instruct-v0.1-q3_K_S" fill both lines rather than three). */}
                      <div data-placard-name className={`line-clamp-2 font-medium ${placardNameClass(m.name)}`}>
                        {m.name}
                      </div>
                      {/* The note's parts wrap between themselves, never inside one ("huggingface ·" / "no token"). */}
                      <div data-placard-note className="text-[10.5px] leading-[13px] text-[#aab4c0]">
                        {placardNote(m, active)
                          .split(' · ')
                          .map((part, i, parts) => (
                            <Fragment key={part}>
                              {i > 0 && ' '}
                              <span className="whitespace-nowrap">{i < parts.length - 1 ? `${part} ·` : part}</span>
                            </Fragment>
                          ))}
                      </div>
                    </>
                  )}
                </div>
              </Html>
            )}
          </group>
        );
      })}
    </group>
  );
}
