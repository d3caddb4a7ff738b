import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientMessage, ServerMessage } from './desktop-types.js';
import { apply, INITIAL, type DesktopState } from './desktop-model.js';

/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSE = new Set([4401, 4403]);

/**
 * Keeps one WebSocket to /api/v1/desktop open, reconnecting with backoff
 * (0.5 s doubling to 5 s) when it drops; the call itself is not on this
 * socket (its media runs on the peer connection), so a drop only pauses
 * signalling. `onMediaAnswer` receives the engine's SDP for the softphone.
 */
export function useDesktop(onMediaAnswer: (interactionId: string, sdp: string) => void): [DesktopState, (m: ClientMessage) => boolean] {
  const [st, setSt] = useState<DesktopState>(INITIAL);
  const socket = useRef<WebSocket | null>(null);
  const mediaAnswer = useRef(onMediaAnswer);
  mediaAnswer.current = onMediaAnswer;

  useEffect(() => {
    let stopped = false;
    let delay = 500;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    const open = () => {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/desktop`;
      const ws = new WebSocket(url);
      socket.current = ws;
      ws.onmessage = (ev) => {
        let m: ServerMessage;
        try {
          m = JSON.parse(String(ev.data)) as ServerMessage;
        } catch {
          return;
        }
        if (m.type === 'hello') delay = 500;
        if (m.type === 'media_answer') mediaAnswer.current(m.interaction_id, m.sdp);
        setSt((s) => apply(s, m));
      };
      ws.onopen = () => {
        clearInterval(ping);
        ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: 'ping' })), 25_000);
      };
      ws.onclose = (ev) => {
        clearInterval(ping);
        if (socket.current === ws) socket.current = null;
        if (stopped) return;
        if (FINAL_CLOSE.has(ev.code)) {
          setSt((s) => ({ ...s, link: 'refused', refusal: ev.reason || 'the desktop is not available for your user' }));
          return;
        }
        setSt((s) => ({ ...s, link: 'reconnecting' }));
        timer = setTimeout(open, delay);
        delay = Math.min(5000, delay * 2);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(ping);
      socket.current?.close(1000, 'page left');
    };
  }, []);

  const send = useCallback((m: ClientMessage): boolean => {
    const ws = socket.current;
    if (ws === null || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(m));
    return true;
  }, []);

  return [st, send];
}
