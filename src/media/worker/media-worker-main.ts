import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../platform/errors.js';
import { PortAllocator } from '../rtp/port-allocator.js';
import { RtpSession } from '../rtp/rtp-session.js';
import { RtpBridge } from '../bridge/rtp-bridge.js';
import type { MediaWorkerData, WorkerEvent, WorkerLegSpec, WorkerRequest } from './worker-protocol.js';

/**
 * Entry point of a media worker thread: owns RTP sessions and bridges by id
 * and executes the main thread's requests. Everything it owns is disposed
 * when the port closes (main thread terminated the worker or exited).
 */
const port = parentPort;
if (!port) throw new Error('media-worker-main must run in a worker thread');
const data = workerData as MediaWorkerData;
const allocator = new PortAllocator(data.portRange, data.bindAddress);
const sessions = new Map<string, RtpSession>();
const bridges = new Map<string, RtpBridge>();

const emit = (e: WorkerEvent): void => port.postMessage(e);

function session(id: string): RtpSession {
  const s = sessions.get(id);
  if (!s) throw new AppError('MEDIA_WORKER_UNKNOWN_ID', 404, `no media session ${id}`);
  return s;
}

function leg(spec: WorkerLegSpec) {
  return { ...spec, session: session(spec.session) };
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case 'open-session': {
      const s = await RtpSession.open(allocator, { remote: req.remote, payloadTypes: req.payloadTypes, latch: req.latch });
      sessions.set(req.id, s);
      return { port: s.localPort };
    }
    case 'set-remote':
      session(req.id).setRemote(req.remote, req.payloadTypes);
      return undefined;
    case 'close-session':
      sessions.get(req.id)?.dispose();
      sessions.delete(req.id);
      return undefined;
    case 'bridge': {
      const bridge = new RtpBridge(leg(req.a), leg(req.b), {
        forwardDtmf: req.forwardDtmf,
        onDigit: (from, r) => emit({ kind: 'digit', bridge: req.id, leg: from, digit: r.digit, durationMs: r.durationMs }),
      });
      bridges.set(req.id, bridge);
      return undefined;
    }
    case 'unbridge':
      bridges.get(req.id)?.dispose();
      bridges.delete(req.id);
      return undefined;
    case 'stats':
      return session(req.id).stats();
  }
}

port.on('message', (msg: { rid: number; req: WorkerRequest }) => {
  handle(msg.req).then(
    (result) => emit({ kind: 'response', rid: msg.rid, ok: true, result }),
    (err: unknown) => {
      const code = err instanceof AppError ? err.code : 'MEDIA_WORKER_FAILED';
      emit({ kind: 'response', rid: msg.rid, ok: false, code, message: err instanceof Error ? err.message : 'failed' });
    },
  );
});

port.on('close', () => {
  for (const b of bridges.values()) b.dispose();
  for (const s of sessions.values()) s.dispose();
});
