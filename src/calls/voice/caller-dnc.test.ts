import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { scratchDatabase } from '../../../test/helpers/scratch-db.js';
import { VirtualClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { createLogger } from '../../platform/logger.js';
import { openDatabase } from '../../store/database.js';
import { clients, dncEntries } from '../../store/schema.js';
import { addCallerToDoNotCall } from './caller-dnc.js';

test('IVR "press 9": the caller\'s number lands once on the client\'s list in E.164 with source ivr; no number adds nothing', async (t) => {
  const scratch = await scratchDatabase(t, 'caller_dnc');
  if (!scratch) return;
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '/nonexistent', log: createLogger('silent') });
  try {
    const { db } = database;
    const uk = newId();
    const us = newId();
    await db.insert(clients).values([
      { id: uk, name: 'UK client', code: 'uk', timezone: 'Europe/London', country: 'GB' },
      { id: us, name: 'US client', code: 'us', timezone: 'America/New_York', country: null },
    ]);
    const clock = new VirtualClock(Date.UTC(2026, 10, 23, 14, 0));

    // A national number is read in the client's country; the same number again is no second entry.
    assert.deepEqual(await addCallerToDoNotCall(db, clock, uk, '020 7946 0958'), { added: true, number: '+442079460958' });
    assert.deepEqual(await addCallerToDoNotCall(db, clock, uk, '+442079460958'), { added: false, number: '+442079460958' });
    // Another client's list is separate; without a country the number is read as US.
    assert.deepEqual(await addCallerToDoNotCall(db, clock, us, '2125550134'), { added: true, number: '+12125550134' });
    assert.deepEqual(await addCallerToDoNotCall(db, clock, us, '+442079460958'), { added: true, number: '+442079460958' });
    for (const nobody of ['anonymous', '1001', '']) assert.deepEqual(await addCallerToDoNotCall(db, clock, uk, nobody), { added: false });

    const ukRows = await db.select().from(dncEntries).where(eq(dncEntries.clientId, uk));
    assert.deepEqual(ukRows.map((r) => [r.phone, r.source, r.createdBy, r.createdAt.getTime()]), [['+442079460958', 'ivr', null, clock.now()]]);
    assert.equal((await db.select().from(dncEntries).where(eq(dncEntries.clientId, us))).length, 2);
  } finally {
    await database.close();
    await scratch.drop();
  }
});
