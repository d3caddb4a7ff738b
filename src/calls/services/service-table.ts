import type { ServiceFactory } from './call-service.js';
import { echoService } from './echo-service.js';
import { toneService } from './tone-service.js';

export interface ServiceEntry {
  readonly name: string;
  readonly create: ServiceFactory;
}

/** The demo numbers: an echo test like a PBX's *43, and a 1 kHz test tone. */
export const ECHO_USERS = ['echo', '*43', '+1555000043'] as const;
export const TONE_USERS = ['tone'] as const;

/** A lookup table from a normalised user part (see call-target.ts) to the service that answers it. */
export type ServiceTable = ReadonlyMap<string, ServiceEntry>;

export function demoServices(): ServiceTable {
  const table = new Map<string, ServiceEntry>();
  const echo: ServiceEntry = { name: 'echo', create: echoService };
  const tone: ServiceEntry = { name: 'tone', create: toneService };
  for (const u of ECHO_USERS) table.set(u, echo);
  for (const u of TONE_USERS) table.set(u, tone);
  return table;
}
