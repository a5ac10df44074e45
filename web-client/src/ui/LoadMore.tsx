import { useEffect, useRef } from 'react';
import { Button } from './primitives';

/**
 * The end of a paged list: loads the next page when it scrolls into view (infinite scroll), and is a button for
 * keyboard users and for browsers without IntersectionObserver. Renders nothing once the last page is in.
 */
export function LoadMore({
  hasMore,
  loading,
  onMore,
  label = 'Load more',
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  label?: string;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  const more = useRef(onMore);
  more.current = onMore;

  useEffect(() => {
    const el = ref.current;
    if (!el || !hasMore || loading || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading]);

  if (!hasMore) return null;
  return (
    <Button ref={ref} variant="ghost" size="sm" className="w-full" disabled={loading} onClick={onMore} aria-busy={loading}>
      {loading ? 'Loading…' : label}
    </Button>
  );
}
