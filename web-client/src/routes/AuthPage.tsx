import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useQueryClient } from '@tanstack/react-query';
import { authApi } from '@/api/auth';
import { placeError } from '@/api/errors';
import { keys } from '@/api/hooks';
import { useStudio } from '@/state/studio';
import { Button, InputField } from '@/ui/primitives';

/** Sign in and register share one form; the server's messages appear next to the field they name. */
export function AuthPage({ mode }: { mode: 'sign-in' | 'register' }) {
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const sessionEnded = useStudio((s) => s.sessionEnded);
  const setSessionEnded = useStudio((s) => s.setSessionEnded);
  const [username, setUsername] = useState(() => sessionStorage.getItem('studio-last-user') ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const register = mode === 'register';
  useEffect(() => {
    document.title = `${register ? 'Create an account' : 'Sign in'} · AI Studio 3D`;
    return () => void (document.title = 'AI Studio 3D');
  }, [register]);
  // The cursor starts where typing begins: the password when signing in again as the last user, else the username.
  const [nameKnown] = useState(() => !register && username !== '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const { user } = register ? await authApi.register(username, password) : await authApi.login(username, password);
      // Drafts and the open conversation are kept for the same person signing in again (a session that ended), never
      // shown to someone else signing in in this tab.
      if (sessionStorage.getItem('studio-last-user') !== user.username) useStudio.getState().forgetPerson();
      sessionStorage.setItem('studio-last-user', user.username);
      setSessionEnded(false);
      client.setQueryData(keys.me, user);
      navigate('/', { replace: true });
    } catch (error) {
      setErrors(fieldErrors(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="min-h-full grid place-items-center p-4 bg-[radial-gradient(ellipse_at_top,#15233a_0%,#0b0f14_60%)]">
      <div className="w-full max-w-sm rounded-2xl border border-line bg-panel/90 p-7 shadow-2xl">
        <div className="mb-6 flex items-center gap-3">
          <img src="/favicon.svg" alt="" className="h-9 w-9" />
          <div>
            <h1 className="text-lg font-semibold">{register ? 'Create your studio account' : 'Sign in to AI Studio 3D'}</h1>
            <p className="text-sm text-muted">Chat with models and make images in a 3D room.</p>
          </div>
        </div>
        {sessionEnded && (
          <p role="status" className="mb-4 rounded-lg bg-amber-300/10 px-3 py-2 text-sm text-amber-200">
            Your session ended. Sign in again: what you typed in the studio is kept.
          </p>
        )}
        <form onSubmit={submit} className="space-y-4" noValidate>
          <InputField
            id="username"
            label="Username"
            error={errors.username}
            hint={register ? '3–32 characters: a-z, 0-9, . _ -' : undefined}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoFocus={!nameKnown}
            required
          />
          <InputField
            id="password"
            label="Password"
            error={errors.password}
            hint={register ? 'At least 8 characters; not a common password.' : undefined}
            name="password"
            type="password"
            autoComplete={register ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus={nameKnown}
            required
          />
          {errors.form && (
            <p role="alert" className="text-sm text-danger">
              {errors.form}
            </p>
          )}
          <Button type="submit" className="w-full" disabled={busy}>
            {busy ? 'Please wait…' : register ? 'Create account' : 'Sign in'}
          </Button>
        </form>
        <p className="mt-5 text-center text-sm text-muted">
          {register ? (
            <>
              Have an account? <Link href="/sign-in" className="text-accent hover:underline">Sign in</Link>
            </>
          ) : (
            <>
              New here? <Link href="/register" className="text-accent hover:underline">Create an account</Link>
            </>
          )}
        </p>
      </div>
    </main>
  );
}

const FIELD_BY_CODE: Record<string, 'username' | 'password'> = {
  invalid_username: 'username',
  username_taken: 'username',
  invalid_password_length: 'password',
  password_too_common: 'password',
  password_contains_username: 'password',
  password_too_simple: 'password',
};

export function fieldErrors(error: unknown): { username?: string; password?: string; form?: string } {
  return placeError(error, ['username', 'password'] as const, FIELD_BY_CODE);
}
