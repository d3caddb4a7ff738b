import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.js';
import type { MyDay, ScreenPop } from './desktop-types.js';

export type Loaded<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : 'could not load');

/** The screen pop of the ringing or current interaction (CRM: customer, history, cases, script). */
export function useScreenPop(interactionId: string | null): Loaded<ScreenPop> {
  const api = useApi();
  const [s, setS] = useState<Loaded<ScreenPop>>({ status: 'idle' });
  useEffect(() => {
    if (interactionId === null) return setS({ status: 'idle' });
    let live = true;
    setS({ status: 'loading' });
    api.get<ScreenPop>(`/interactions/${interactionId}/screen-pop`)
      .then((data) => live && setS({ status: 'ready', data }))
      .catch((e: unknown) => live && setS({ status: 'error', message: messageOf(e) }));
    return () => {
      live = false;
    };
  }, [api, interactionId]);
  return s;
}

/** Today's figures, reloaded whenever `key` changes (a call ended, wrap-up done). */
export function useMyDay(key: unknown): Loaded<MyDay> {
  const api = useApi();
  const [s, setS] = useState<Loaded<MyDay>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    api.get<MyDay>('/agents/me/day')
      .then((data) => live && setS({ status: 'ready', data }))
      .catch((e: unknown) => live && setS({ status: 'error', message: messageOf(e) }));
    return () => {
      live = false;
    };
  }, [api, key]);
  return s;
}
