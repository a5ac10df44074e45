import { ChevronLeft, ChevronRight } from 'lucide-react';

/** When the catalog has more models than the room holds at once: which ones stand there, and buttons to page. */
export function ModelPager({ page, perPage, total, onPage }: { page: number; perPage: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.ceil(total / perPage);
  if (pages <= 1) return null;
  const first = page * perPage + 1;
  const last = Math.min(total, first + perPage - 1);
  const button =
    'grid h-8 w-8 place-items-center rounded-full text-ink/90 hover:bg-white/10 disabled:opacity-35 disabled:hover:bg-transparent';
  return (
    <div
      className="glass pointer-events-auto flex items-center gap-1 rounded-full border border-white/10 bg-panel/75 px-1 py-0.5 text-xs text-ink/90 shadow-xl backdrop-blur-xl"
      role="group"
      aria-label="Models in the room"
      data-testid="model-pager"
    >
      <button type="button" className={button} aria-label="Previous models" disabled={page === 0} onClick={() => onPage(page - 1)}>
        <ChevronLeft size={16} aria-hidden />
      </button>
      <span aria-live="polite" className="px-1 tabular-nums">
        Models {first}–{last} of {total}
      </span>
      <button type="button" className={button} aria-label="Next models" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        <ChevronRight size={16} aria-hidden />
      </button>
    </div>
  );
}
