import { SITE_KINDS, type Site, type SiteKind } from '../../api/types.js';
import { isCountryCode, isTimeZone, requireFields, type FieldErrors } from '../form/validate.js';

export interface SiteDraft {
  name: string;
  timezone: string;
  country: string;
  kind: SiteKind | '';
}

export const siteDraft = (row: Site | null): SiteDraft => ({
  name: row?.name ?? '',
  timezone: row?.timezone ?? '',
  country: row?.country ?? '',
  kind: row?.kind ?? '',
});

export function validateSite(d: SiteDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['name', 'timezone', 'country'], errors);
  if (!errors['timezone'] && !isTimeZone(d.timezone)) errors['timezone'] = 'Not a known IANA time zone';
  if (!errors['country'] && !isCountryCode(d.country)) errors['country'] = 'Two letters (ISO 3166), e.g. PH';
  if (d.kind !== '' && !SITE_KINDS.includes(d.kind)) errors['kind'] = 'Choose onshore, nearshore or offshore';
  return errors;
}

export function siteBody(d: SiteDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    timezone: d.timezone.trim(),
    country: d.country.trim().toUpperCase(),
  };
  if (d.kind !== '') body['kind'] = d.kind;
  return body;
}
