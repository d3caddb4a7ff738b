import { eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { normalisePhone } from '../../dialer/campaigns/phone.js';
import type { Db } from '../../store/database.js';
import { clients, dncEntries } from '../../store/schema.js';
import type { DoNotCallResult } from '../flows/flow-call.js';

/**
 * The IVR's "press 9 to stop these calls" (the `dnc` verb): the caller's
 * number, read in the client's country and normalised to E.164 as lead and
 * DNC imports are (dialer/campaigns/phone.ts), goes on the client's list
 * with source 'ivr'. One entry per client and number, so a second press is
 * not an error: `added` is false. 'anonymous', an extension or a SIP name
 * give no number and add nothing.
 */
export async function addCallerToDoNotCall(db: Db, clock: Clock, clientId: string, caller: string): Promise<DoNotCallResult> {
  const [client] = await db.select({ country: clients.country }).from(clients).where(eq(clients.id, clientId));
  const phone = normalisePhone(caller, client?.country ?? 'US');
  if (!phone.ok) return { added: false };
  const added = await db.insert(dncEntries)
    .values({ id: newId(), clientId, phone: phone.e164, source: 'ivr', createdAt: new Date(clock.now()) })
    .onConflictDoNothing().returning({ id: dncEntries.id });
  return { added: added.length > 0, number: phone.e164 };
}
