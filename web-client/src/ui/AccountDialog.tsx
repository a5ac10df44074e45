import { useEffect, useState, type FormEvent } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, LogOut, MonitorSmartphone, SquareTerminal } from 'lucide-react';
import { authApi, type AccountSession, type User } from '@/api/auth';
import { describeError, placeError } from '@/api/errors';
import { Badge, Button, InputField } from './primitives';
import { useReturnFocus } from './returnFocus';

const sessionsKey = ['auth', 'sessions'] as const;

type PasswordErrors = { currentPassword?: string; newPassword?: string; form?: string };

const FIELD_BY_CODE: Record<string, 'currentPassword' | 'newPassword'> = {
  wrong_password: 'currentPassword',
  invalid_password_length: 'newPassword',
  password_too_common: 'newPassword',
  password_contains_username: 'newPassword',
  password_too_simple: 'newPassword',
  password_unchanged: 'newPassword',
};

export function passwordErrors(error: unknown): PasswordErrors {
  return placeError(error, ['currentPassword', 'newPassword'] as const, FIELD_BY_CODE);
}

/** "Chrome on Linux" from a user agent; the raw text when it is no browser's (a script's, say). */
export function deviceName(userAgent?: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : undefined;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux|X11/.test(userAgent)
            ? 'Linux'
            : undefined;
  if (!browser) return userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent;
  return os ? `${browser} on ${os}` : browser;
}

function lastSeen(iso: string, now = Date.now()): string {
  const minutes = Math.round((now - new Date(iso).getTime()) / 60000);
  if (minutes < 2) return 'active now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(iso).toLocaleDateString();
}

/** The account: change the password, and see and end the other places it is signed in. */
export function AccountDialog({ user, open, onOpenChange }: { user: User; open: boolean; onOpenChange: (open: boolean) => void }) {
  const client = useQueryClient();
  const returnFocus = useReturnFocus(open);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sessionError, setSessionError] = useState<string | null>(null);
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: authApi.sessions, enabled: open });

  useEffect(() => {
    if (!open) return;
    setCurrent('');
    setNext('');
    setErrors({});
    setChanged(false);
    setSessionError(null);
  }, [open]);

  async function changePassword(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setChanged(false);
    try {
      await authApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setChanged(true);
      await client.invalidateQueries({ queryKey: sessionsKey });
    } catch (error) {
      setErrors(passwordErrors(error));
    } finally {
      setBusy(false);
    }
  }

  async function end(ids: string[]) {
    setSessionError(null);
    try {
      for (const id of ids) await authApi.endSession(id);
    } catch (error) {
      setSessionError(describeError(error));
    } finally {
      await client.invalidateQueries({ queryKey: sessionsKey });
    }
  }

  // this session first, then the others as the server lists them (most recently seen first)
  const listed = [...(sessions.data ?? [])].sort((a, b) => Number(b.current) - Number(a.current));
  const others = listed.filter((s) => !s.current);

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/60" />
        <Dialog.Content onCloseAutoFocus={returnFocus} className="fixed left-1/2 top-1/2 z-50 max-h-[92vh] w-[min(34rem,94vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-2xl border border-line bg-panel p-6 shadow-2xl">
          <Dialog.Title className="text-base font-semibold">Account</Dialog.Title>
          <Dialog.Description className="mb-5 text-sm text-muted">Signed in as {user.username}.</Dialog.Description>

          <section aria-labelledby="password-heading" className="space-y-4">
            <h3 id="password-heading" className="flex items-center gap-2 text-sm font-semibold">
              <KeyRound size={15} aria-hidden /> Change password
            </h3>
            <form onSubmit={changePassword} className="space-y-4" noValidate>
              <InputField
                id="current-password"
                label="Current password"
                error={errors.currentPassword}
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
                required
              />
              <InputField
                id="new-password"
                label="New password"
                error={errors.newPassword}
                hint="At least 8 characters; not a common password."
                type="password"
                autoComplete="new-password"
                value={next}
                onChange={(e) => setNext(e.target.value)}
                required
              />
              {errors.form && (
                <p role="alert" className="text-sm text-danger">
                  {errors.form}
                </p>
              )}
              {changed && (
                <p role="status" className="rounded-lg bg-green-300/10 px-3 py-2 text-sm text-green-200">
                  Password changed. Every other session of this account was signed out.
                </p>
              )}
              <div className="flex justify-end">
                <Button type="submit" disabled={busy || !current || !next}>
                  {busy ? 'Please wait…' : 'Change password'}
                </Button>
              </div>
            </form>
          </section>

          <section aria-labelledby="sessions-heading" className="mt-6 space-y-3 border-t border-line pt-5">
            <div className="flex items-center gap-2">
              <h3 id="sessions-heading" className="flex items-center gap-2 text-sm font-semibold">
                <MonitorSmartphone size={15} aria-hidden /> Where you're signed in
              </h3>
              {others.length > 1 && (
                <Button variant="ghost" size="sm" className="ml-auto" onClick={() => void end(others.map((s) => s.id))}>
                  Sign out everywhere else
                </Button>
              )}
            </div>
            {sessions.isPending && <p className="text-sm text-muted">Loading…</p>}
            {sessions.isError && (
              <p role="alert" className="text-sm text-danger">
                {describeError(sessions.error)}
              </p>
            )}
            {sessionError && (
              <p role="alert" className="text-sm text-danger">
                {sessionError}
              </p>
            )}
            <ul className="space-y-2" aria-label="Sessions">
              {listed.map((s) => (
                <SessionRow key={s.id} session={s} onEnd={() => void end([s.id])} />
              ))}
            </ul>
          </section>

          <div className="mt-6 flex justify-end">
            <Dialog.Close asChild>
              <Button type="button" variant="ghost">
                Close
              </Button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function SessionRow({ session, onEnd }: { session: AccountSession; onEnd: () => void }) {
  const name = session.kind === 'api' ? `API token · ${deviceName(session.userAgent)}` : deviceName(session.userAgent);
  return (
    <li className="flex items-center gap-3 rounded-lg border border-line bg-panel-2/60 px-3 py-2">
      {session.kind === 'api' ? (
        <SquareTerminal size={16} className="shrink-0 text-muted" aria-hidden />
      ) : (
        <MonitorSmartphone size={16} className="shrink-0 text-muted" aria-hidden />
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm">
          {name} {session.current && <Badge tone="ok">this session</Badge>}
        </p>
        <p className="truncate text-xs text-muted">
          {session.clientAddress ? `${session.clientAddress} · ` : ''}
          {lastSeen(session.lastSeenAt)}
        </p>
      </div>
      {!session.current && (
        <Button variant="ghost" size="sm" onClick={onEnd} aria-label={`Sign out ${name}`}>
          <LogOut size={14} aria-hidden /> Sign out
        </Button>
      )}
    </li>
  );
}
