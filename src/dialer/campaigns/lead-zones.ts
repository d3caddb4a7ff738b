import { nanpZones } from './nanp-zones.js';

const KNOWN_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export function isIanaZone(zone: string): boolean {
  return KNOWN_ZONES.has(zone);
}

/** Every IANA zone of a country, from the CLDR data inside the JS engine (no table to keep current). */
const byCountry = new Map<string, readonly string[]>();

export function zonesOfCountry(country: string): readonly string[] {
  if (!/^[A-Z]{2}$/.test(country)) return [];
  let zones = byCountry.get(country);
  if (!zones) {
    // Node 20 exposes the Intl Locale Info proposal as a getter, later engines as a method.
    const loc = new Intl.Locale(`und-${country}`) as Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
    zones = loc.getTimeZones?.() ?? loc.timeZones ?? [];
    byCountry.set(country, zones);
  }
  return zones;
}

/**
 * The zones a lead may be in: its own zone when the list gave one; else,
 * for North American numbers, the area code's zones; else every zone of the
 * number's country. Empty when nothing is known: such a lead is never called.
 */
export function candidateZones(lead: { phone: string; timeZone: string | null; country: string | null }): readonly string[] {
  if (lead.timeZone) return [lead.timeZone];
  if (lead.country === 'US' || lead.country === 'CA') {
    const byArea = nanpZones(lead.phone);
    if (byArea) return byArea;
  }
  return lead.country ? zonesOfCountry(lead.country) : [];
}
