import { useState } from 'react';
import { useSession, useCurrentUser } from '../auth/session-context.js';
import { roleLabel } from './labels.js';

export function TopBar() {
  const user = useCurrentUser();
  const { logout } = useSession();
  const [busy, setBusy] = useState(false);

  function onLogout() {
    setBusy(true);
    logout().catch(() => setBusy(false));
  }

  return (
    <header className="top-bar">
      <div className="top-bar-user" data-testid="current-user">
        <span className="user-name">{user.name}</span>
        <span className="role-badge">{roleLabel(user.role)}</span>
      </div>
      <button type="button" className="btn" onClick={onLogout} disabled={busy}>Log out</button>
    </header>
  );
}
