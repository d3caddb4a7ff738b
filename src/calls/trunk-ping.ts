import { and, eq } from 'drizzle-orm';
import { Gauge, type Registry } from 'prom-client';
import { type SipResponse, toOf } from '../sip/message/message.js';
import { paramOf } from '../sip/message/name-addr.js';
import { hostForUri } from '../sip/message/uri.js';
import type { Db } from '../store/database.js';
import { trunks } from '../store/schema.js';
import type { PingOutcome, PingTrunk, TrunkGauge, TrunkTarget } from './trunk-health.js';
import type { RegistrationTarget } from './trunk-register.js';
import { decryptSecret } from '../platform/secrets.js';

/** The trunk's request URI: host:port, with transport=tcp when the trunk is TCP (§19.1.1). */
export function trunkOptionsUri(t: TrunkTarget): string {
  return `sip:${hostForUri(t.host)}:${t.port}${t.transport === 'tcp' ? ';transport=tcp' : ''}`;
}

/**
 * Reads what the UA core's out-of-dialog OPTIONS resolved with. The core
 * stands in a 408 for Timer F and a 503 for a transport error (§8.1.3.1),
 * built from our own request, so its To carries no tag; a real final response
 * always has one (§8.2.6.2: the UAS adds it). That tag tells "the carrier said
 * 408/503" (alive) from "nobody answered" (down).
 */
export function outcomeOf(r: SipResponse): PingOutcome {
  const fromPeer = paramOf(toOf(r), 'tag') !== undefined;
  if (fromPeer) return { kind: 'response', status: r.status };
  return r.status === 408 ? { kind: 'timeout' } : { kind: 'transport-error' };
}

/** A pinger over the UA's non-INVITE client transaction (`ua.options`). */
export function optionsPinger(options: (target: string) => Promise<SipResponse>): PingTrunk {
  return async (t) => {
    try {
      return outcomeOf(await options(trunkOptionsUri(t)));
    } catch {
      // An unusable host (bad URI, DNS failure before any transaction): nothing can reach it.
      return { kind: 'transport-error' };
    }
  };
}

/** Every enabled trunk (shared and clients'): the monitor is the switch's, not a caller's view. */
export async function loadTrunkTargets(db: Db): Promise<TrunkTarget[]> {
  const rows = await db.select({ id: trunks.id, name: trunks.name, clientId: trunks.clientId, host: trunks.host, port: trunks.port, transport: trunks.transport })
    .from(trunks).where(eq(trunks.disabled, false));
  return rows;
}

/** Every enabled trunk that registers, with its decrypted password (the registrar answers the carrier's challenge with it). */
export async function loadRegistrationTargets(db: Db, secretKey: Buffer): Promise<RegistrationTarget[]> {
  const rows = await db.select().from(trunks).where(and(eq(trunks.disabled, false), eq(trunks.register, true)));
  const out: RegistrationTarget[] = [];
  for (const t of rows) {
    if (t.username === null || t.passwordEnc === null) continue;
    out.push({ id: t.id, name: t.name, clientId: t.clientId, host: t.host, port: t.port, transport: t.transport, username: t.username,
      password: decryptSecret(t.passwordEnc, secretKey), expiresS: t.registerExpiresS });
  }
  return out;
}

/** `switchboard_trunk_registered{trunk_id,trunk}`: 1 registered with its carrier, 0 not; only for trunks that register. */
export function trunkRegisteredGauge(registry: Registry): TrunkGauge {
  return trunkGauge(registry, 'switchboard_trunk_registered', 'Whether a SIP trunk is registered with its carrier (1 yes, 0 no)');
}

/** `switchboard_trunk_up{trunk_id,trunk}`: 1 answering OPTIONS, 0 not; absent before the first check (the id keeps two trunks of one name apart). */
export function trunkUpGauge(registry: Registry): TrunkGauge {
  return trunkGauge(registry, 'switchboard_trunk_up', 'Whether a SIP trunk answers OPTIONS (1 up, 0 down)');
}

function trunkGauge(registry: Registry, name: string, help: string): TrunkGauge {
  const g = new Gauge({ name, help, labelNames: ['trunk_id', 'trunk'] as const, registers: [registry] });
  return { set: (labels, v) => g.set(labels, v), remove: (labels) => g.remove(labels) };
}
