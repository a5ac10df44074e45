import type { ReactNode } from 'react';
import { Box, ChevronLeft, ChevronRight, Image as ImageIcon } from 'lucide-react';

interface PagerProps {
  page: number;
  perPage: number;
  total: number;
  onPage: (p: number) => void;
  /** There are more than `total` (not loaded yet): "of 24+", and the pages count one past the last. */
  more?: boolean;
}

/**
 * When the room has more of something than it shows at once: which ones are there, and buttons to page. On a narrow
 * screen the word gives way to its icon (two pagers side by side must fit a phone's width).
 */
function RoomPager({ page, perPage, total, more = false, onPage, noun, icon, testId }: PagerProps & { noun: string; icon: ReactNode; testId: string }) {
  const pages = Math.ceil(total / perPage) + (more && total % perPage === 0 ? 1 : 0);
  if (pages <= 1) return null;
  const first = page * perPage + 1;
  const last = Math.min(total, first + perPage - 1);
  const of = `of ${total}${more ? '+' : ''}`;
  const button =
    'grid h-8 w-8 place-items-center rounded-full text-ink/90 hover:bg-white/10 disabled:opacity-35 disabled:hover:bg-transparent';
  return (
    <div
      className="glass pointer-events-auto flex items-center gap-1 rounded-full border border-white/10 bg-panel/75 px-1 py-0.5 text-xs text-ink/90 shadow-xl backdrop-blur-xl"
      role="group"
      aria-label={`${noun} in the room`}
      data-testid={testId}
    >
      <button type="button" className={button} aria-label={`Previous ${noun.toLowerCase()}`} disabled={page === 0} onClick={() => onPage(page - 1)}>
        <ChevronLeft size={16} aria-hidden />
      </button>
      <span aria-live="polite" className="flex items-center gap-1 whitespace-nowrap px-1 tabular-nums">
        <span className="sm:hidden" aria-hidden>
          {icon}
        </span>
        <span className="sr-only sm:not-sr-only">{noun} </span>
        {first <= total ? `${first}–${last} ${of}` : `${first}– loading…`}
      </span>
      <button type="button" className={button} aria-label={`Next ${noun.toLowerCase()}`} disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        <ChevronRight size={16} aria-hidden />
      </button>
    </div>
  );
}

/** The models standing in the room, a page at a time. */
export function ModelPager(props: PagerProps) {
  return <RoomPager {...props} noun="Models" icon={<Box size={13} />} testId="model-pager" />;
}

/** The pictures on the back wall, a wall's worth at a time. */
export function PicturePager(props: PagerProps) {
  return <RoomPager {...props} noun="Pictures" icon={<ImageIcon size={13} />} testId="picture-pager" />;
}
