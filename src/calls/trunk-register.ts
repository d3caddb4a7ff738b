import { randomBytes } from 'node:crypto';
import { answerChallenge, type ChallengeAnswer } from '../sip/auth/digest-client.js';
import { type SipResponse, toOf } from '../sip/message/message.js';
import { paramOf, parseNameAddr } from '../sip/message/name-addr.js';
import { splitComma } from '../sip/message/scanner.js';
import { hostForUri } from '../sip/message/uri.js';
import type { TimerFacility, TimerHandle } from '../sip/transaction/timers.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/event-bus.js';
import type { Logger } from '../platform/logger.js';
import { reconcileTrunks, type TrunkGauge } from './trunk-health.js';
import { trunkOptionsUri } from './trunk-ping.js';

/** A trunk that registers with its carrier (a row of `trunks`: enabled, `register`, username and password). */
export interface RegistrationTarget {
  readonly id: string;
  readonly name: string;
  readonly clientId: string | null;
  readonly host: string;
  readonly port: number;
  readonly transport: 'udp' | 'tcp';
  readonly username: string;
  readonly password: string;
  /** The registration lifetime we ask for; the carrier may grant less (or more). */
  readonly expiresS: number;
}

/** One REGISTER as the UA sends it (`UserAgent.register`); resolves with the final response (408 / 503 stand in for none). */
export type SendRegister = (o: {
  registrar: string; aor: string; contactUser: string; expires: number; callId: string; fromTag: string; cseq: number; authorization?: ChallengeAnswer;
}) => Promise<SipResponse>;

export type RegistrationStatus = 'registering' | 'registered' | 'failed';

export interface TrunkRegistration {
  readonly status: RegistrationStatus;
  /** Epoch ms the current status began. */
  readonly since: number;
  /** When the carrier's binding runs out (registered only). */
  readonly expiresAt: number | null;
  /** Final response code of the last attempt; null before the first answer, or when nothing answered. */
  readonly responseCode: number | null;
  /** Why the last attempt failed, in words (failed only). */
  readonly reason: string | null;
}

export interface TrunkRegistrarDeps {
  readonly loadTargets: () => Promise<RegistrationTarget[]>;
  readonly send: SendRegister;
  readonly clock: Clock;
  readonly timers: TimerFacility;
  readonly log: Logger;
  readonly bus: EventBus;
  /** `switchboard_trunk_registered{trunk_id,trunk}`: 1 registered, 0 not. */
  readonly gauge?: TrunkGauge;
  /** First retry after a failure; doubles up to `retryMaxMs`. Default 30 s. */
  readonly retryMs?: number;
  /** Default 5 min. */
  readonly retryMaxMs?: number;
}

interface Entry {
  target: RegistrationTarget;
  /** One Call-ID and From tag for every REGISTER to this registrar, the CSeq rising (RFC 3261 §10.2.4). */
  readonly callId: string;
  readonly fromTag: string;
  cseq: number;
  /** The lifetime asked for: the trunk's, raised to a carrier's Min-Expires (423). */
  askS: number;
  reg: TrunkRegistration;
  timer: TimerHandle | undefined;
  inFlight: Promise<void> | undefined;
  failures: number;
  forgotten: boolean;
}

/** The SIP user our Contact carries: the carrier sends calls for this account to it (RFC 3261 §25.1 user characters). */
export function contactUserOf(username: string): string {
  return username.replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Keeps every trunk marked `register` registered with its carrier (RFC 3261
 * §10.2), for carriers that send calls only to a registered account rather
 * than to a fixed address. Our own code, like the rest of the SIP stack: the
 * refresh, challenge and failure rules are the switch's behaviour.
 *
 *   registering ─2xx─► registered ─(refresh before it runs out)─► registered
 *        │                 │ refused / no answer
 *        └──────────────► failed ─(retry: 30 s, doubling to 5 min)─► registering
 *
 * - A 401/407 is answered once with the trunk's credentials (digest); a
 *   second one means they were refused. A 423 raises the lifetime asked
 *   for to the carrier's Min-Expires and tries again at once.
 * - The lifetime granted is our Contact's `expires` in the 2xx, else its
 *   Expires header, else what we asked; the refresh goes out ahead of it
 *   (30 s ahead for a long one, at half-time for a short one).
 * - A trunk edited (address, account, lifetime) registers anew; one
 *   removed, disabled or no longer registering is unregistered (Expires: 0).
 *   `stop()` unregisters every trunk, bounded in time.
 */
export class TrunkRegistrar {
  readonly #entries = new Map<string, Entry>();
  #unsubscribe: (() => void) | undefined;
  #stopped = false;
  #reloads: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TrunkRegistrarDeps) {}

  async start(): Promise<void> {
    await this.reload();
    this.#unsubscribe = this.deps.bus.subscribe((e) => {
      if (!e.type.startsWith('admin.trunk.')) return;
      this.#reloads = this.#reloads.then(() => this.reload()).catch((err: unknown) => this.deps.log.warn({ err }, 'could not reload trunk registrations'));
    });
  }

  /** The trunk's registration; undefined for a trunk that does not register. */
  registration(trunkId: string): TrunkRegistration | undefined {
    return this.#entries.get(trunkId)?.reg;
  }

  /** Re-reads the trunks: new ones register, edited ones register anew, gone ones are unregistered. */
  async reload(): Promise<void> {
    const targets = await this.deps.loadTargets();
    if (this.#stopped) return;
    reconcileTrunks(this.#entries, targets, {
      same: sameAccount, gauge: this.deps.gauge, kept: (e) => this.#setGauge(e), forget: (e) => void this.#forget(e),
      add: (t) => {
        const entry: Entry = {
          target: t, callId: `${randomBytes(12).toString('hex')}@switchboard`, fromTag: randomBytes(6).toString('hex'), cseq: 0, askS: t.expiresS,
          reg: { status: 'registering', since: this.deps.clock.now(), expiresAt: null, responseCode: null, reason: null },
          timer: undefined, inFlight: undefined, failures: 0, forgotten: false,
        };
        this.#entries.set(t.id, entry);
        this.#attempt(entry);
      },
    });
  }

  /** Unregisters every trunk (each within `timeoutMs`), then stops. */
  async stop(timeoutMs = 2000): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    await this.#reloads;
    const entries = [...this.#entries.values()];
    await Promise.all(entries.map((e) => this.#forget(e, timeoutMs)));
  }

  #attempt(entry: Entry): void {
    if (entry.forgotten || this.#stopped || entry.inFlight !== undefined) return;
    entry.inFlight = this.#register(entry)
      .catch((err: unknown) => {
        this.deps.log.error({ err, trunkId: entry.target.id }, 'trunk registration failed unexpectedly');
        this.#failed(entry, null, 'internal error');
      })
      .finally(() => { entry.inFlight = undefined; });
  }

  async #register(entry: Entry): Promise<void> {
    let res = await this.#send(entry, entry.askS);
    if (res.status === 423 && !entry.forgotten) {
      // Interval Too Brief (§10.3 step 7): ask for the carrier's minimum, once.
      const min = Number(res.headers.get('min-expires'));
      if (Number.isInteger(min) && min > entry.askS && min <= 86_400) {
        entry.askS = min;
        res = await this.#send(entry, entry.askS);
      }
    }
    const granted = res.status >= 200 && res.status < 300 ? grantedSeconds(res, contactUserOf(entry.target.username), entry.askS) : 0;
    if (entry.forgotten) {
      // Removed meanwhile: a binding the carrier just made is noted, so that #forget takes it back.
      if (granted > 0) entry.reg = { ...entry.reg, status: 'registered' };
      return;
    }
    if (res.status >= 200 && res.status < 300) {
      if (granted <= 0) return this.#failed(entry, res.status, 'the carrier kept no binding for our contact');
      const now = this.deps.clock.now();
      const was = entry.reg.status;
      entry.failures = 0;
      entry.reg = { status: 'registered', since: was === 'registered' ? entry.reg.since : now, expiresAt: now + granted * 1000, responseCode: res.status, reason: null };
      if (was !== 'registered') this.#changed(entry, was);
      this.#schedule(entry, refreshDelayMs(granted));
      return;
    }
    this.#failed(entry, fromPeer(res) ? res.status : null, reasonOf(res));
  }

  /** One REGISTER, answering a 401/407 once with the trunk's credentials. */
  async #send(entry: Entry, expires: number): Promise<SipResponse> {
    const t = entry.target;
    const registrar = trunkOptionsUri(t);
    const contactUser = contactUserOf(t.username);
    const base = { registrar, aor: `sip:${contactUser}@${hostForUri(t.host)}`, contactUser, expires, callId: entry.callId, fromTag: entry.fromTag };
    const first = await this.deps.send({ ...base, cseq: ++entry.cseq });
    if (first.status !== 401 && first.status !== 407) return first;
    const answer = answerChallenge(first.status, first.headers.getAll(first.status === 401 ? 'www-authenticate' : 'proxy-authenticate'),
      { username: t.username, password: t.password }, { method: 'REGISTER', uri: registrar });
    if (answer === null) return first;
    return this.deps.send({ ...base, cseq: ++entry.cseq, authorization: answer });
  }

  #failed(entry: Entry, code: number | null, reason: string): void {
    if (entry.forgotten) return;
    const was = entry.reg.status;
    entry.reg = { status: 'failed', since: was === 'failed' ? entry.reg.since : this.deps.clock.now(), expiresAt: null, responseCode: code, reason };
    entry.failures++;
    if (was !== 'failed') this.#changed(entry, was);
    const first = this.deps.retryMs ?? 30_000;
    this.#schedule(entry, Math.min(first * 2 ** (entry.failures - 1), this.deps.retryMaxMs ?? 300_000));
  }

  #schedule(entry: Entry, ms: number): void {
    if (entry.timer !== undefined) this.deps.timers.clear(entry.timer);
    entry.timer = this.deps.timers.set(ms, () => {
      entry.timer = undefined;
      this.#attempt(entry);
    });
  }

  /** Stops refreshing; a registered binding is removed at the carrier (Expires: 0). */
  async #forget(entry: Entry, timeoutMs = 2000): Promise<void> {
    if (entry.forgotten) return;
    entry.forgotten = true;
    if (entry.timer !== undefined) this.deps.timers.clear(entry.timer);
    entry.timer = undefined;
    if (this.#entries.get(entry.target.id) === entry) this.#entries.delete(entry.target.id);
    this.deps.gauge?.remove({ trunk_id: entry.target.id, trunk: entry.target.name });
    await entry.inFlight;
    if (entry.reg.status !== 'registered') return;
    let timer: TimerHandle | undefined;
    const unregister = this.#send(entry, 0).then((res) => {
      const ok = res.status >= 200 && res.status < 300;
      this.deps.log.info({ trunkId: entry.target.id, trunk: entry.target.name, responseCode: res.status }, ok ? 'trunk unregistered' : 'trunk unregister refused');
    });
    const late = new Promise<void>((resolve) => { timer = this.deps.timers.set(timeoutMs, () => resolve()); });
    await Promise.race([unregister.catch(() => undefined), late]);
    if (timer !== undefined) this.deps.timers.clear(timer);
  }

  #changed(entry: Entry, previous: RegistrationStatus): void {
    this.#setGauge(entry);
    const t = entry.target;
    const r = entry.reg;
    const log = this.deps.log.child({ trunkId: t.id, clientId: t.clientId });
    if (r.status === 'registered') log.info({ trunk: t.name, expiresAt: new Date(r.expiresAt!).toISOString(), was: previous }, 'trunk registered');
    else log.warn({ trunk: t.name, responseCode: r.responseCode, reason: r.reason, was: previous }, 'trunk registration failed');
    this.deps.bus.publish({
      // As trunk.status: staff who see the client get it, never its viewers.
      type: 'trunk.registration', at: new Date(this.deps.clock.now()).toISOString(), ...(t.clientId !== null ? { client_ids: [t.clientId] } : {}),
      data: { id: t.id, name: t.name, ...registrationJson(r), previous },
    });
  }

  #setGauge(e: Entry): void {
    this.deps.gauge?.set({ trunk_id: e.target.id, trunk: e.target.name }, e.reg.status === 'registered' ? 1 : 0);
  }
}

function sameAccount(a: RegistrationTarget, b: RegistrationTarget): boolean {
  return a.host === b.host && a.port === b.port && a.transport === b.transport && a.username === b.username && a.password === b.password && a.expiresS === b.expiresS;
}

/** The lifetime the 2xx grants our contact (§10.2.4): its `expires` parameter, else the Expires header, else what we asked. */
export function grantedSeconds(res: SipResponse, contactUser: string, asked: number): number {
  for (const value of res.headers.getAll('contact').flatMap((v) => splitComma(v))) {
    const na = parseNameAddr(value);
    if (na === null || !('user' in na.uri) || na.uri.user !== contactUser) continue;
    const e = Number(paramOf(na, 'expires'));
    if (Number.isInteger(e) && e >= 0) return e;
  }
  const header = Number(res.headers.get('expires'));
  return Number.isInteger(header) && header >= 0 && res.headers.get('expires') !== undefined ? header : asked;
}

/** Refresh ahead of the end: 30 s ahead of a long binding, at half-time of a short one (never under 1 s). */
export function refreshDelayMs(grantedS: number): number {
  return Math.max(1000, (grantedS > 120 ? grantedS - 30 : grantedS / 2) * 1000);
}

/** The UA stands in a tagless 408 / 503 for "nothing answered" (see trunk-ping.ts). */
function fromPeer(res: SipResponse): boolean {
  return paramOf(toOf(res), 'tag') !== undefined;
}

function reasonOf(res: SipResponse): string {
  if (!fromPeer(res)) return res.status === 408 ? 'the carrier did not answer' : 'the carrier could not be reached';
  if (res.status === 401 || res.status === 407) return 'the carrier refused the username or password';
  if (res.status === 403) return 'the carrier refused the account (403)';
  return `the carrier answered ${res.status}${res.reason ? ` ${res.reason}` : ''}`;
}

/** The API / event shape of a trunk's registration. */
export function registrationJson(r: TrunkRegistration | undefined): {
  status: RegistrationStatus | 'off'; since: string | null; expires_at: string | null; response_code: number | null; reason: string | null;
} {
  if (r === undefined) return { status: 'off', since: null, expires_at: null, response_code: null, reason: null };
  return { status: r.status, since: new Date(r.since).toISOString(), expires_at: r.expiresAt === null ? null : new Date(r.expiresAt).toISOString(),
    response_code: r.responseCode, reason: r.reason };
}
