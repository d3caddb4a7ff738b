import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FlowCapabilities } from '../calls/flows/index.js';
import type { Db } from '../store/database.js';
import { prompts, queues } from '../store/schema.js';

let tts: boolean | undefined;

/**
 * Whether espeak-ng is on the PATH (what `which espeak-ng` answers), looked
 * up once per process: flows with `say` are refused at save time without it.
 */
export function ttsAvailable(): boolean {
  tts ??= (process.env.PATH ?? '').split(delimiter).filter(Boolean).some((dir) => {
    try {
      accessSync(join(dir, 'espeak-ng'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  return tts;
}

/** What a client's flow may name when it is saved: its uploaded prompts and its queues. */
export async function flowCapabilities(db: Db, clientId: string, ttsOn: boolean): Promise<FlowCapabilities> {
  const [p, q] = await Promise.all([
    db.select({ name: prompts.name }).from(prompts).where(eq(prompts.clientId, clientId)),
    db.select({ name: queues.name }).from(queues).where(and(eq(queues.clientId, clientId), eq(queues.disabled, false))),
  ]);
  return { tts: ttsOn, prompts: p.map((r) => r.name), queues: q.map((r) => r.name) };
}
