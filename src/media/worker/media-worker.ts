import { Worker } from 'node:worker_threads';
import { AppError } from '../../platform/errors.js';
import type { Endpoint, LatchMode, RtpSessionStats } from '../rtp/rtp-session.js';
import type { MediaWorkerData, WorkerEvent, WorkerLegSpec, WorkerRequest } from './worker-protocol.js';

/**
 * Main-thread handle on a media worker thread. The same operations as using
 * RtpSession/RtpBridge directly, by id and asynchronously, so call code can
 * run media in-process (small installs, tests) or in a worker (measured in
 * bench/media-bridge.ts: relaying hundreds of calls keeps one event loop
 * busy enough to delay signalling by tens of milliseconds).
 */
/**
 * Starts the worker entry next to this file. Running from TypeScript
 * sources (tsx), a worker does not inherit the main thread's loader hooks
 * on Node 20, so a two-line bootstrap registers tsx in the worker first.
 */
function spawnWorker(data: MediaWorkerData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './media-worker-main.ts' : './media-worker-main.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: data });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

export interface DigitEvent {
  readonly bridge: string;
  readonly leg: 'a' | 'b';
  readonly digit: string;
  readonly durationMs: number;
}

export class MediaWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #rid = 0;
  #exited = false;
  onDigit: ((e: DigitEvent) => void) | undefined;

  constructor(data: MediaWorkerData) {
    this.#worker = spawnWorker(data);
    this.#worker.on('message', (e: WorkerEvent) => this.#onEvent(e));
    this.#worker.on('error', (err) => this.#failAll(err));
    this.#worker.on('exit', () => {
      this.#exited = true;
      this.#failAll(new AppError('MEDIA_WORKER_EXITED', 503, 'media worker exited'));
    });
  }

  #onEvent(e: WorkerEvent): void {
    if (e.kind === 'digit') {
      this.onDigit?.(e);
      return;
    }
    const p = this.#pending.get(e.rid);
    if (!p) return;
    this.#pending.delete(e.rid);
    if (e.ok) p.resolve(e.result);
    else p.reject(new AppError(e.code, 500, e.message));
  }

  #failAll(err: Error): void {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }

  #call<T>(req: WorkerRequest): Promise<T> {
    if (this.#exited) return Promise.reject(new AppError('MEDIA_WORKER_EXITED', 503, 'media worker exited'));
    const rid = ++this.#rid;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(rid, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ rid, req });
    });
  }

  /** Opens an RTP session in the worker; resolves with its local port (for the SDP). */
  async openSession(id: string, o: { remote?: Endpoint; payloadTypes?: number[]; latch?: LatchMode } = {}): Promise<number> {
    return (await this.#call<{ port: number }>({ op: 'open-session', id, ...o })).port;
  }
  setRemote(id: string, remote: Endpoint, payloadTypes?: number[]): Promise<void> {
    return this.#call({ op: 'set-remote', id, remote, payloadTypes });
  }
  closeSession(id: string): Promise<void> {
    return this.#call({ op: 'close-session', id });
  }
  bridge(id: string, a: WorkerLegSpec, b: WorkerLegSpec, forwardDtmf = true): Promise<void> {
    return this.#call({ op: 'bridge', id, a, b, forwardDtmf });
  }
  unbridge(id: string): Promise<void> {
    return this.#call({ op: 'unbridge', id });
  }
  stats(id: string): Promise<RtpSessionStats> {
    return this.#call({ op: 'stats', id });
  }

  /** Stops the worker; it disposes every session and bridge it owns. */
  async dispose(): Promise<void> {
    if (this.#exited) return;
    await this.#worker.terminate();
  }
}
