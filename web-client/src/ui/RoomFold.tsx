import { ChevronDown, ChevronUp } from 'lucide-react';
import clsx from 'clsx';
import { useLayout } from '@/state/studio';

/**
 * On a narrow screen, folds the room (the top 42 % of the height) away so the chat or the lists below it get the
 * height, and brings it back. A disclosure button (`aria-expanded`, `aria-controls`); the choice is remembered.
 */
export function RoomFold({ controls, className }: { controls: string; className?: string }) {
  const folded = useLayout((s) => s.roomFolded);
  const setFolded = useLayout((s) => s.setRoomFolded);
  const Icon = folded ? ChevronDown : ChevronUp;
  return (
    <button
      type="button"
      aria-expanded={!folded}
      aria-controls={controls}
      title={folded ? 'Show the room' : 'Fold the room away'}
      onClick={() => setFolded(!folded)}
      className={clsx(
        'flex items-center gap-1 border-l border-line px-3 py-2 text-sm focus-visible:-outline-offset-2',
        folded ? 'text-accent' : 'text-muted hover:text-ink',
        className,
      )}
    >
      Room <Icon size={15} aria-hidden />
    </button>
  );
}
