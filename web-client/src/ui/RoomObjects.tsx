import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import clsx from 'clsx';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ChatModel } from '@/api/chat';
import { thumbnailUrl, type ImageJob } from '@/api/images';
import { sameObject, type RoomObject } from '@/state/room';
import { useStudio } from '@/state/studio';

const FAMILY_DOT: Record<string, string> = { llama: '#f4a582', mistral: '#f6c85f', codellama: '#7fc8e8', offline: '#b8c2cc' };

type Item = { object: RoomObject; label: string; enabled: boolean; action: () => void };
type Side = 'left' | 'right';

/** Whether the strip has more to show past each edge; 1 px of slack for fractional widths. */
function moreOf(el: HTMLElement): Record<Side, boolean> {
  return { left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 };
}

/**
 * The objects of the 3D room as a toolbar: one Tab stop, arrow keys move between models and pictures, Enter picks a
 * model or opens a picture. The object focused here is highlighted in the room (and the camera turns to it); the
 * object under the pointer in the room is highlighted here. When the strip is wider than the room it fades out at the
 * edge that has more, with a scroll button there (a Tab stop of its own); the focused object scrolls into view.
 */
export function RoomObjects({
  models,
  selectedModel,
  pictures,
  onPickModel,
  onOpenImage,
}: {
  models: ChatModel[];
  selectedModel: string | null;
  pictures: ImageJob[];
  onPickModel: (id: string) => void;
  onOpenImage: (id: string) => void;
}) {
  const focused = useStudio((s) => s.focusedObject);
  const hovered = useStudio((s) => s.hoveredObject);
  const setFocused = useStudio((s) => s.setFocusedObject);
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const strip = useRef<HTMLDivElement>(null);
  const scrollButtons = useRef<Record<Side, HTMLButtonElement | null>>({ left: null, right: null });
  const [more, setMore] = useState<Record<Side, boolean>>({ left: false, right: false });

  const items: Item[] = [
    ...models.map((m) => ({
      object: { kind: 'model' as const, id: m.id },
      label: `${m.name}, ${m.offline ? 'offline, not AI' : m.provider}${m.available ? '' : ', unavailable (no token)'}${m.id === selectedModel ? ', in use' : ''}`,
      enabled: m.available,
      action: () => onPickModel(m.id),
    })),
    ...pictures.map((p) => ({
      object: { kind: 'picture' as const, id: p.id },
      label: p.status === 'succeeded' ? `Picture: ${p.prompt}` : `Picture being made: ${p.prompt}`,
      enabled: p.status === 'succeeded',
      action: () => onOpenImage(p.id),
    })),
  ];
  const current = Math.min(active, Math.max(0, items.length - 1));

  // Measured after each render, on scroll and on resize; a scroll button that runs out hands its focus on.
  const measure = useRef(() => {});
  const handOff = useRef<Side | 'item' | null>(null);
  measure.current = () => {
    const el = strip.current;
    if (!el) return;
    const next = moreOf(el);
    const focusedSide = (['left', 'right'] as const).find((side) => document.activeElement === scrollButtons.current[side]);
    if (focusedSide && !next[focusedSide]) {
      const other = focusedSide === 'left' ? 'right' : 'left';
      handOff.current = next[other] ? other : 'item';
    }
    setMore((m) => (m.left === next.left && m.right === next.right ? m : next));
  };
  useEffect(() => {
    const to = handOff.current;
    handOff.current = null;
    if (to) (to === 'item' ? refs.current[current] : scrollButtons.current[to])?.focus();
    measure.current();
  });
  useEffect(() => {
    const onResize = () => measure.current();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(onResize) : null;
    if (strip.current) observer?.observe(strip.current);
    window.addEventListener('resize', onResize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', onResize);
    };
  }, [items.length > 0]);

  function scrollStrip(side: Side) {
    const el = strip.current;
    if (el) el.scrollBy({ left: (side === 'left' ? -1 : 1) * Math.max(80, el.clientWidth * 0.7), behavior: 'smooth' });
  }

  function move(to: number) {
    const i = (to + items.length) % items.length;
    setActive(i);
    refs.current[i]?.focus();
  }

  function onKey(e: KeyboardEvent) {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(current + 1),
      ArrowDown: () => move(current + 1),
      ArrowLeft: () => move(current - 1),
      ArrowUp: () => move(current - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
    };
    const fn = keys[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  }

  const shown = focused ?? hovered;
  const caption = shown ? items.find((it) => sameObject(it.object, shown)) : undefined;
  if (items.length === 0) return null;

  return (
    <div className="pointer-events-none flex min-w-0 max-w-full flex-col items-center gap-1.5">
      <p
        className={clsx('max-w-full truncate rounded-full bg-black/70 px-3 py-1 text-xs text-ink backdrop-blur', !caption && 'hidden lg:block')}
        aria-hidden
      >
        {caption
          ? `${caption.label}${caption.enabled ? (caption.object.kind === 'model' ? ' · Enter to chat with it' : ' · Enter to open') : ''}`
          : 'Drag to look around · pinch or scroll to zoom · click a model to chat, a picture to open it'}
      </p>
      <div
        data-testid="room-objects"
        className="glass pointer-events-auto flex max-w-full items-center rounded-2xl border border-white/10 bg-panel/70 p-0.5 shadow-2xl backdrop-blur-xl"
      >
        {more.left && <ScrollButton side="left" onClick={scrollStrip} buttonRef={(el) => (scrollButtons.current.left = el)} />}
        <div
          ref={strip}
          role="toolbar"
          aria-label="Objects in the room"
          aria-orientation="horizontal"
          onKeyDown={onKey}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
          }}
          onScroll={() => measure.current()}
          data-more-left={more.left || undefined}
          data-more-right={more.right || undefined}
          style={{ maskImage: fadeMask(more), WebkitMaskImage: fadeMask(more) }}
          className="flex min-w-0 items-center gap-1 overflow-x-auto scroll-px-8 p-1 [scrollbar-width:none]"
        >
          {items.map((it, i) => {
            const isHovered = sameObject(it.object, hovered);
            const model = it.object.kind === 'model' ? models.find((m) => m.id === it.object.id) : undefined;
            const picture = it.object.kind === 'picture' ? pictures.find((p) => p.id === it.object.id) : undefined;
            const first = it.object.kind === 'picture' && (i === 0 || items[i - 1].object.kind === 'model');
            return (
              <span key={`${it.object.kind}:${it.object.id}`} className="flex shrink-0 items-center">
                {first && <span className="mx-1 h-6 w-px bg-white/15" aria-hidden />}
                <button
                  ref={(el) => {
                    refs.current[i] = el;
                  }}
                  type="button"
                  tabIndex={i === current ? 0 : -1}
                  aria-label={it.label}
                  aria-pressed={model ? model.id === selectedModel : undefined}
                  aria-disabled={!it.enabled || undefined}
                  data-object={`${it.object.kind}:${it.object.id}`}
                  data-hovered={isHovered || undefined}
                  onFocus={(e) => {
                    e.currentTarget.scrollIntoView?.({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
                    setActive(i);
                    setFocused(it.object);
                  }}
                  onClick={() => it.enabled && it.action()}
                  className={clsx(
                    'flex h-9 items-center gap-1.5 rounded-xl text-xs transition-colors focus-visible:outline-offset-[-2px]',
                    model ? 'px-2.5' : 'w-9 justify-center p-0.5',
                    isHovered ? 'bg-white/15 text-ink' : 'text-ink/85 hover:bg-white/10',
                    model && model.id === selectedModel && 'bg-sky-300/15 text-ink',
                    !it.enabled && 'opacity-50',
                  )}
                >
                  {model && (
                    <>
                      <span className="h-2.5 w-2.5 rounded-full" style={{ background: FAMILY_DOT[model.family] ?? '#c4b5fd' }} aria-hidden />
                      <span className="max-w-[9rem] truncate">{model.name}</span>
                    </>
                  )}
                  {picture &&
                    (picture.status === 'succeeded' ? (
                      <img src={thumbnailUrl(picture)} alt="" className="h-8 w-8 rounded-md object-cover ring-1 ring-[#8a6a44]" loading="lazy" />
                    ) : (
                      <span className="h-8 w-8 animate-pulse rounded-md bg-slate-600/60" aria-hidden />
                    ))}
                </button>
              </span>
            );
          })}
        </div>
        {more.right && <ScrollButton side="right" onClick={scrollStrip} buttonRef={(el) => (scrollButtons.current.right = el)} />}
      </div>
    </div>
  );
}

/** Opaque in the middle, fading to nothing over 2rem at an edge with more past it. */
function fadeMask(more: Record<Side, boolean>) {
  if (!more.left && !more.right) return undefined;
  const edge = (has: boolean) => (has ? 'transparent' : '#000');
  return `linear-gradient(to right, ${edge(more.left)}, #000 2rem, #000 calc(100% - 2rem), ${edge(more.right)})`;
}

function ScrollButton({ side, onClick, buttonRef }: { side: Side; onClick: (side: Side) => void; buttonRef: (el: HTMLButtonElement | null) => void }) {
  const Icon = side === 'left' ? ChevronLeft : ChevronRight;
  return (
    <button
      ref={buttonRef}
      type="button"
      aria-label={`Scroll the object list ${side}`}
      title={`More ${side === 'left' ? 'before' : 'after'} these`}
      onClick={() => onClick(side)}
      className="flex h-9 w-7 shrink-0 items-center justify-center rounded-xl text-ink/85 hover:bg-white/10 focus-visible:outline-offset-[-2px]"
    >
      <Icon className="h-4 w-4" aria-hidden />
    </button>
  );
}
