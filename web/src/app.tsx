import { useEffect, useRef } from 'react';
import { useSession } from './auth/session-context.js';
import { LoginPage } from './auth/login-page.js';
import { navigate, usePath } from './router/router.js';
import { homePathFor, matchRoute } from './router/routes.js';
import { AppShell } from './shell/app-shell.js';
import { PageRouter } from './shell/page-router.js';

/** The login gate: signed-out users see the login page, everyone else the shell. */
export function App() {
  const session = useSession();
  const path = usePath();
  const route = matchRoute(path);

  // The page a signed-out visitor asked for, so logging in lands there and not on the start page.
  const returnTo = useRef<string | null>(null);

  useEffect(() => {
    if (session.status === 'signed_out' && route.page !== 'login') {
      if (route.page !== 'home') returnTo.current = path;
      navigate('/login', { replace: true });
    }
    if (session.status === 'signed_in' && (route.page === 'login' || route.page === 'home')) {
      const target = returnTo.current ?? homePathFor(session.user?.role ?? 'agent');
      returnTo.current = null;
      navigate(target, { replace: true });
    }
  }, [session.status, session.user, route.page, path]);

  if (session.status === 'loading') {
    return <div className="center-screen" role="status">Loading Switchboard…</div>;
  }
  if (session.status === 'unreachable') {
    return (
      <div className="center-screen">
        <div className="panel">
          <h1>Cannot reach Switchboard</h1>
          <p role="alert">{session.notice}</p>
          <button type="button" className="btn btn-primary" onClick={session.retry}>Try again</button>
        </div>
      </div>
    );
  }
  if (session.status === 'signed_out') return <LoginPage notice={session.notice} />;
  return (
    <AppShell>
      <PageRouter route={route} />
    </AppShell>
  );
}
