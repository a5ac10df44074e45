import { RotateCcw } from 'lucide-react';
import clsx from 'clsx';
import { describeError } from '@/api/errors';
import { Button } from './primitives';

/**
 * Something the page needs could not be read (the gateway answered 503/429, or the network is down): what failed in
 * plain words, and a way to try again, instead of a list that looks empty or a "Loading…" that never ends.
 */
export function LoadProblem({ what, error, onRetry, retrying = false, className }: { what: string; error: unknown; onRetry: () => void; retrying?: boolean; className?: string }) {
  return (
    <div role="alert" className={clsx('space-y-2 text-sm', className)}>
      <p className="text-danger">
        {what} could not be loaded. {describeError(error)}
      </p>
      <Button variant="outline" size="sm" onClick={onRetry} disabled={retrying} aria-busy={retrying}>
        <RotateCcw size={13} aria-hidden /> {retrying ? 'Trying again…' : 'Try again'}
      </Button>
    </div>
  );
}
