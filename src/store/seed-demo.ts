import { eq } from 'drizzle-orm';
import { newId } from '../platform/ids.js';
import type { Db } from './database.js';
import { agentClients, agentSkills, agents, clients, queues, settings, sites, skills, teams, userClients, users } from './schema.js';

/**
 * The demo workspace a newcomer sees on first start: a horizontal BPO with
 * two clients in different time zones (a US retailer, a UK bank), an onshore
 * and an offshore site, teams (one shared, one dedicated), 20 agents with
 * skills, and queues per client. Idempotent: runs once per database.
 */
export const DEMO_SEEDED_KEY = 'demo.seeded_at';

export async function isDemoSeeded(db: Db): Promise<boolean> {
  return (await db.select().from(settings).where(eq(settings.key, DEMO_SEEDED_KEY))).length > 0;
}

const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kira', 'Luis', 'Maya', 'Nikhil', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const LAST = ['Silva', 'Okafor', 'Martin', 'Patel', 'Rossi', 'Haddad', 'Kim', 'Tanaka', 'Moreau', 'Reyes', 'Novak', 'Garcia', 'Cohen', 'Rao', 'Ivanova', 'Santos', 'Byrne', 'Diaz', 'Lee', 'Aziz'];

export async function seedDemo(db: Db, passwordHash: string): Promise<{ seeded: boolean }> {
  if (await isDemoSeeded(db)) return { seeded: false };
  await db.transaction(async (tx) => {
    const retail = { id: newId(), name: 'Northwind Retail', code: 'NWR', timezone: 'America/New_York', country: 'US' };
    const bank = { id: newId(), name: 'Albion Bank', code: 'ALB', timezone: 'Europe/London', country: 'GB' };
    await tx.insert(clients).values([retail, bank]);

    const austin = { id: newId(), name: 'Austin', timezone: 'America/Chicago', country: 'US', kind: 'onshore' as const };
    const manila = { id: newId(), name: 'Manila', timezone: 'Asia/Manila', country: 'PH', kind: 'offshore' as const };
    await tx.insert(sites).values([austin, manila]);

    const sk = Object.fromEntries(['English', 'Spanish', 'Orders', 'Returns', 'Cards', 'Fraud', 'Mortgages'].map((n) => [n, { id: newId(), name: n }]));
    await tx.insert(skills).values(Object.values(sk));

    const tRetail = { id: newId(), name: 'Austin Retail', siteId: austin.id, clientId: retail.id };
    const tShared = { id: newId(), name: 'Manila Multi-client', siteId: manila.id, clientId: null };
    const tBank = { id: newId(), name: 'Austin Banking', siteId: austin.id, clientId: bank.id };
    await tx.insert(teams).values([tRetail, tShared, tBank]);

    const q = (clientId: string, name: string, channel: 'voice' | 'chat' | 'work_item', req: [string, number][], extra: Partial<typeof queues.$inferInsert> = {}) =>
      ({ id: newId(), clientId, name, channel, requiredSkills: req.map(([s, l]) => ({ skill_id: sk[s].id, min_level: l })), ...extra });
    await tx.insert(queues).values([
      q(retail.id, 'Orders', 'voice', [['English', 5], ['Orders', 4]], { overflow: [{ after_s: 30, min_level: 3 }, { after_s: 60, add_team_ids: [tShared.id] }] }),
      q(retail.id, 'Returns', 'voice', [['English', 5], ['Returns', 3]]),
      q(retail.id, 'Pedidos (Spanish)', 'voice', [['Spanish', 6], ['Orders', 3]]),
      q(retail.id, 'Web chat', 'chat', [['English', 5]], { slThresholdS: 60, wrapUpS: 15 }),
      q(bank.id, 'Cards', 'voice', [['English', 5], ['Cards', 5]], { slThresholdS: 30, policy: 'most_skilled' }),
      q(bank.id, 'Fraud', 'voice', [['Fraud', 7]], { priority: 9, slThresholdS: 10, slTarget: 0.9 }),
      q(bank.id, 'Mortgage applications', 'work_item', [['Mortgages', 4]], { slThresholdS: 4 * 3600, wrapUpS: 0, maxWaitS: 7 * 86400 }),
    ]);

    for (let i = 0; i < 20; i++) {
      const id = newId();
      const team = i < 8 ? tRetail : i < 14 ? tShared : tBank;
      const site = team === tShared ? manila : austin;
      const serves = team === tRetail ? [retail.id] : team === tBank ? [bank.id] : [retail.id, bank.id];
      const userId = newId();
      const email = `${FIRST[i].toLowerCase()}.${LAST[i].toLowerCase()}@demo.switchboard.local`;
      await tx.insert(users).values({ id: userId, email, name: `${FIRST[i]} ${LAST[i]}`, role: 'agent', passwordHash });
      await tx.insert(userClients).values(serves.map((clientId) => ({ userId, clientId })));
      await tx.insert(agents).values({ id, name: `${FIRST[i]} ${LAST[i]}`, userId, extension: String(1001 + i), teamId: team.id, siteId: site.id,
        capacity: { voice: 1, chat: 3, callback: 1, work_item: 1 } });
      await tx.insert(agentClients).values(serves.map((clientId) => ({ agentId: id, clientId })));
      const level = (base: number) => Math.max(1, Math.min(10, base + ((i * 7) % 5) - 2));
      const mine: [string, number][] = [['English', level(7)]];
      if (i % 3 === 0) mine.push(['Spanish', level(6)]);
      if (team !== tBank) mine.push(['Orders', level(6)], ['Returns', level(5)]);
      if (team !== tRetail) mine.push(['Cards', level(6)], ['Fraud', level(i % 2 ? 8 : 5)], ['Mortgages', level(5)]);
      await tx.insert(agentSkills).values(mine.map(([s, l]) => ({ agentId: id, skillId: sk[s].id, level: l })));
    }
    await tx.insert(users).values([
      { id: newId(), email: 'supervisor@demo.switchboard.local', name: 'Sofia Supervisor', role: 'supervisor', passwordHash },
      { id: newId(), email: 'viewer@northwind.example', name: 'Nora (Northwind)', role: 'client_viewer', passwordHash },
    ]);
    const [viewer] = await tx.select().from(users).where(eq(users.email, 'viewer@northwind.example'));
    await tx.insert(userClients).values({ userId: viewer.id, clientId: retail.id });
    await tx.insert(settings).values({ key: DEMO_SEEDED_KEY, value: new Date().toISOString() });
  });
  return { seeded: true };
}
