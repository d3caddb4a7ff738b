import { eq } from 'drizzle-orm';
import { newId } from '../platform/ids.js';
import type { Db } from './database.js';
import {
  agentClients, agentSkills, agents, businessHours, cases, clients, customers, flows, phoneNumbers, queues, settings, sites, skills, teams, userClients, users,
} from './schema.js';
import retailFlow from '../../examples/flows/demo-northwind-main-line.json' with { type: 'json' };
import bankFlow from '../../examples/flows/demo-albion-card-services.json' with { type: 'json' };

/**
 * The demo workspace a newcomer sees on first start: a horizontal BPO with
 * two clients in different time zones (a US retailer, a UK bank), an onshore
 * and an offshore site, teams (one shared, one dedicated), 20 agents with
 * skills, and queues per client. Inbound voice: a flow, business hours and
 * numbers per client (NWR +15125550100 and toll-free +18005550100, ALB
 * +442079460100), recording on, dispositions and a script on the voice
 * queues, and SIP phone secrets for extensions 1001-1020 (the demo users'
 * password). Idempotent: runs once per database.
 */
export const DEMO_SEEDED_KEY = 'demo.seeded_at';

export async function isDemoSeeded(db: Db): Promise<boolean> {
  return (await db.select().from(settings).where(eq(settings.key, DEMO_SEEDED_KEY))).length > 0;
}

const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kira', 'Luis', 'Maya', 'Nikhil', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const LAST = ['Silva', 'Okafor', 'Martin', 'Patel', 'Rossi', 'Haddad', 'Kim', 'Tanaka', 'Moreau', 'Reyes', 'Novak', 'Garcia', 'Cohen', 'Rao', 'Ivanova', 'Santos', 'Byrne', 'Diaz', 'Lee', 'Aziz'];

export interface DemoVoiceOptions {
  /** espeak-ng is installed: the seeded flows speak. Without it they are stored without speech (silent menus, no survey). */
  tts?: boolean;
  /** The HA1 secrets of an extension's SIP phone (the demo users' password in SIP_REALM); absent: phones cannot register. */
  sipSecret?: (extension: string) => { MD5: string; 'SHA-256': string };
}

type FlowJson = { steps: Record<string, unknown>[] } & Record<string, unknown>;
const SPOKEN_STEPS = new Set(['say', 'survey']);

/**
 * A flow for a host without text to speech: `say` and `survey` steps become
 * a no-op `answer` (the call is answered already; ids and branches stay),
 * spoken fields and queue announcements are dropped. The caller still
 * reaches the queues by key or by the menus' default.
 */
export function withoutSpeech(flow: FlowJson): FlowJson {
  return {
    ...flow,
    steps: flow.steps.map((step) => Object.fromEntries(Object.entries(step).map(([k, v]) => {
      if (SPOKEN_STEPS.has(k)) return ['answer', {}];
      if (typeof v !== 'object' || v === null || ['id', 'next', 'comment'].includes(k)) return [k, v];
      const { say: _say, thanks_say: _thanks, announce: _announce, ...rest } = v as Record<string, unknown>;
      return [k, rest];
    }))),
  };
}

/** The seeded flows, speaking when the host can. */
export function demoFlows(tts: boolean): { retail: FlowJson; bank: FlowJson } {
  return tts ? { retail: retailFlow, bank: bankFlow } : { retail: withoutSpeech(retailFlow), bank: withoutSpeech(bankFlow) };
}

const script = (client: string, topic: string) => `### ${client}: ${topic}

Hello {{customer_name}}, thank you for calling ${client}. How can I help you today?

1. Confirm the caller's identity before discussing the account.
2. Summarise what you agreed before you close the call.
3. Pick the disposition that matches the outcome.`;

export async function seedDemo(db: Db, passwordHash: string, voice: DemoVoiceOptions = {}): Promise<{ seeded: boolean }> {
  if (await isDemoSeeded(db)) return { seeded: false };
  await db.transaction(async (tx) => {
    const retail = { id: newId(), name: 'Northwind Retail', code: 'NWR', timezone: 'America/New_York', country: 'US', recordCalls: true, dialPlan: { allowed_prefixes: ['+1'] } };
    const bank = { id: newId(), name: 'Albion Bank', code: 'ALB', timezone: 'Europe/London', country: 'GB', recordCalls: true, dialPlan: { allowed_prefixes: ['+44'] } };
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
    const retailCalls = { dispositions: ['Order placed', 'Order status', 'Refund', 'Escalated', 'No action'], script: script('Northwind Retail', 'orders and returns') };
    const bankCalls = { dispositions: ['Card blocked', 'Card replaced', 'Dispute opened', 'Escalated', 'No action'], script: script('Albion Bank', 'card services') };
    await tx.insert(queues).values([
      q(retail.id, 'Orders', 'voice', [['English', 5], ['Orders', 4]], { overflow: [{ after_s: 30, min_level: 3 }, { after_s: 60, add_team_ids: [tShared.id] }], ...retailCalls }),
      q(retail.id, 'Returns', 'voice', [['English', 5], ['Returns', 3]], retailCalls),
      q(retail.id, 'Pedidos (Spanish)', 'voice', [['Spanish', 6], ['Orders', 3]], retailCalls),
      q(retail.id, 'Web chat', 'chat', [['English', 5]], { slThresholdS: 60, wrapUpS: 15 }),
      q(bank.id, 'Cards', 'voice', [['English', 5], ['Cards', 5]], { slThresholdS: 30, policy: 'most_skilled', ...bankCalls }),
      // Fraud calls are always recorded, whatever the client's setting becomes.
      q(bank.id, 'Fraud', 'voice', [['Fraud', 7]], { priority: 9, slThresholdS: 10, slTarget: 0.9, recording: 'always', ...bankCalls }),
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
      const extension = String(1001 + i);
      await tx.insert(agents).values({ id, name: `${FIRST[i]} ${LAST[i]}`, userId, extension, teamId: team.id, siteId: site.id,
        capacity: { voice: 1, chat: 3, callback: 1, work_item: 1 }, sipHa1: voice.sipSecret?.(extension) ?? null });
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

    const flow = demoFlows(voice.tts ?? false);
    const retailFlowId = newId(), bankFlowId = newId();
    await tx.insert(flows).values([
      { id: retailFlowId, clientId: retail.id, name: 'Northwind main line', definition: flow.retail },
      { id: bankFlowId, clientId: bank.id, name: 'Albion card services', definition: flow.bank },
    ]);
    const weekdays = (from: string, to: string, days: string[]) => Object.fromEntries(days.map((d) => [d, [[from, to] as [string, string]]]));
    await tx.insert(businessHours).values([
      // The retail line is staffed round the clock (offshore nights), so the demo number answers whenever someone tries it;
      // the bank keeps office hours and shows the after-hours branch.
      { id: newId(), clientId: retail.id, weekly: weekdays('00:00', '24:00', ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']),
        holidays: [{ date: '2026-11-26', name: 'Thanksgiving' }, { date: '2026-12-25', name: 'Christmas Day' }, { date: '2027-01-01', name: 'New Year\'s Day' }] },
      { id: newId(), clientId: bank.id, weekly: weekdays('09:00', '17:30', ['mon', 'tue', 'wed', 'thu', 'fri']),
        holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, { date: '2026-12-28', name: 'Boxing Day (substitute day)' }, { date: '2027-01-01', name: 'New Year\'s Day' }] },
    ]);
    await tx.insert(phoneNumbers).values([
      { id: newId(), clientId: retail.id, e164: '+15125550100', kind: 'did', label: 'Main line', flowId: retailFlowId },
      { id: newId(), clientId: retail.id, e164: '+18005550100', kind: 'toll_free', label: 'Toll-free orders', flowId: retailFlowId },
      { id: newId(), clientId: bank.id, e164: '+442079460100', kind: 'did', label: 'Card services', flowId: bankFlowId },
    ]);
    await seedCrm(tx, retail.id, bank.id);
    await tx.insert(settings).values({ key: DEMO_SEEDED_KEY, value: new Date().toISOString() });
  });
  return { seeded: true };
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A few customers per client, some with cases, so the CRM pages and screen pops have something to show. */
async function seedCrm(tx: Tx, retailId: string, bankId: string): Promise<void> {
  const people: [string, string, string, string, Record<string, string>][] = [
    [retailId, 'Olivia Bennett', '+15125550134', 'olivia.bennett@example.com', { loyalty_tier: 'Gold', last_order: 'NW-10442' }],
    [retailId, 'Marcus Holt', '+12125550187', 'marcus.holt@example.com', { loyalty_tier: 'Silver' }],
    [retailId, 'Priya Raman', '+13125550121', 'priya.raman@example.com', { loyalty_tier: 'Bronze', preferred_language: 'English' }],
    [retailId, 'Diego Fuentes', '+17135550166', 'diego.fuentes@example.com', { preferred_language: 'Spanish' }],
    [bankId, 'Eleanor Whitcombe', '+442079460958', 'e.whitcombe@example.co.uk', { segment: 'Premier', card_last4: '4821' }],
    [bankId, 'Tom Achterberg', '+447700900123', 'tom.a@example.co.uk', { segment: 'Everyday', card_last4: '1177' }],
    [bankId, 'Fatima Qureshi', '+441614960321', 'fatima.qureshi@example.co.uk', { segment: 'Business' }],
  ];
  const day = 86_400_000, now = Date.now();
  const rows = people.map(([clientId, name, phone, email, customFields], i) => ({ id: newId(), clientId, name, phones: [phone], emails: [email], customFields,
    createdAt: new Date(now - (400 - i * 37) * day), updatedAt: new Date(now - (i + 1) * 1.7 * day) }));
  await tx.insert(customers).values(rows);
  const kase = (i: number, subject: string, status: 'open' | 'pending' | 'resolved', ageDays: number) => ({
    id: newId(), clientId: rows[i].clientId, customerId: rows[i].id, subject, status, createdAt: new Date(now - ageDays * day), updatedAt: new Date(now - ageDays * day / 2),
    resolvedAt: status === 'resolved' ? new Date(now - ageDays * day / 2) : null,
  });
  await tx.insert(cases).values([
    kase(0, 'Order NW-10442 arrived damaged', 'open', 2),
    kase(0, 'Refund for returned blender', 'resolved', 9),
    kase(1, 'Missing loyalty points', 'pending', 4),
    kase(3, 'Cambio de dirección de entrega', 'open', 1),
    kase(4, 'Disputed transaction at a London hotel', 'pending', 3),
    kase(5, 'Card replacement after loss', 'resolved', 12),
    kase(6, 'Raise business card limit', 'open', 1),
  ]);
}
