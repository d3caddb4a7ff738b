/**
 * Child process of bench/realtime.ts: holds many WebSocket clients of
 * /api/v1/events, off the server's event loop. `sink` clients (the agents)
 * only count what arrives; `measure` clients (the wallboards) parse each
 * event and record, for `agent.state`, the time from the engine's state
 * change (the event's `at`) to arrival here.
 */
import WebSocket from 'ws';

export type ClientsRequest =
  | { cmd: 'connect'; url: string; cookies: string[]; measure: boolean; concurrency: number }
  | { cmd: 'reset' }
  | { cmd: 'report' }
  | { cmd: 'close' };

export type ClientsReply =
  | { kind: 'connected'; open: number; failed: number }
  | { kind: 'reset' }
  | { kind: 'report'; latenciesMs: number[]; messages: number; bytes: number; closed: number };

const sockets: WebSocket[] = [];
let latencies: number[] = [];
let messages = 0, bytes = 0, closed = 0;

function open(url: string, cookie: string, measure: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
    ws.once('open', () => { sockets.push(ws); resolve(true); });
    ws.once('error', () => resolve(false));
    ws.on('close', () => { closed++; });
    ws.on('message', (m: Buffer) => {
      messages++;
      bytes += m.length;
      if (!measure) return;
      const e = JSON.parse(m.toString('utf8')) as { type: string; at: string };
      if (e.type === 'agent.state') latencies.push(Date.now() - Date.parse(e.at));
    });
  });
}

process.on('message', (msg: ClientsRequest) => {
  void (async () => {
    if (msg.cmd === 'connect') {
      let ok = 0, failed = 0, next = 0;
      const worker = async () => {
        while (next < msg.cookies.length) {
          const c = msg.cookies[next++];
          if (await open(msg.url, c, msg.measure)) ok++;
          else failed++;
        }
      };
      await Promise.all(Array.from({ length: msg.concurrency }, worker));
      process.send!({ kind: 'connected', open: ok, failed } satisfies ClientsReply);
    } else if (msg.cmd === 'reset') {
      latencies = [];
      messages = bytes = 0;
      process.send!({ kind: 'reset' } satisfies ClientsReply);
    } else if (msg.cmd === 'report') {
      process.send!({ kind: 'report', latenciesMs: latencies, messages, bytes, closed } satisfies ClientsReply);
    } else {
      for (const s of sockets) s.terminate();
      process.exit(0);
    }
  })();
});
