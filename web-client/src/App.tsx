import { useEffect } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useQueryClient } from '@tanstack/react-query';
import { onSessionEnded } from './api/client';
import { keys, useMe } from './api/hooks';
import { useStudio } from './state/studio';
import { AuthPage } from './routes/AuthPage';
import { StudioPage } from './routes/StudioPage';
import { LoadProblem } from './ui/LoadProblem';

export function App() {
  const me = useMe();
  const client = useQueryClient();
  const [location, navigate] = useLocation();
  const setSessionEnded = useStudio((s) => s.setSessionEnded);

  // A 401 `session_ended` anywhere: back to sign in; drafts stay in the store.
  useEffect(
    () =>
      onSessionEnded(() => {
        if (client.getQueryData(keys.me)) setSessionEnded(true);
        client.setQueryData(keys.me, null);
      }),
    [client, setSessionEnded],
  );

  const signedIn = !!me.data;
  useEffect(() => {
    if (me.isPending) return;
    if (!signedIn && location === '/') navigate('/sign-in', { replace: true });
  }, [me.isPending, signedIn, location, navigate]);

  // The gateway or user-service did not answer (not "no session", which is a 401 and means sign in): say so, rather
  // than show a sign-in form that cannot work either.
  if (me.isError) {
    return (
      <main className="grid h-full place-items-center p-6">
        <div className="w-full max-w-sm rounded-2xl border border-line bg-panel p-6 shadow-2xl">
          <h1 className="mb-3 text-base font-semibold">AI Studio 3D</h1>
          <LoadProblem what="The studio" error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
        </div>
      </main>
    );
  }

  if (me.isPending) {
    return (
      <div className="grid h-full place-items-center text-muted" role="status">
        Opening the studio…
      </div>
    );
  }

  return (
    <Switch>
      <Route path="/sign-in">{signedIn ? <Redirect to="/" /> : <AuthPage mode="sign-in" />}</Route>
      <Route path="/register">{signedIn ? <Redirect to="/" /> : <AuthPage mode="register" />}</Route>
      <Route>{signedIn ? <StudioPage user={me.data!} /> : <Redirect to="/sign-in" />}</Route>
    </Switch>
  );
}
