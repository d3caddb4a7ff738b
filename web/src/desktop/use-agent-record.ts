import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import { useCurrentUser } from '../auth/session-context.js';

/**
 * Whether the signed-in user has an agent record (and so a desktop). Users
 * with the agent role are assumed to until the server says otherwise, so
 * their navigation does not jump.
 */
export function useHasAgentRecord(): boolean {
  const api = useApi();
  const user = useCurrentUser();
  const [has, setHas] = useState(user.role === 'agent');
  useEffect(() => {
    let live = true;
    api.get<{ agent: unknown }>('/desktop/agent')
      .then((r) => live && setHas(r.agent !== null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, user.id]);
  return has;
}
