import { useId, useMemo } from 'react';
import { TextField } from './fields.js';
import { knownTimeZones } from './validate.js';

/** Free text (any IANA zone the server accepts) with the browser's zone list as suggestions. */
export function TimezoneField({ value, onChange, error, required }: {
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  const listId = useId();
  const zones = useMemo(knownTimeZones, []);
  return (
    <>
      <TextField label="Timezone" value={value} onChange={onChange} error={error} required={required}
        list={listId} placeholder="e.g. America/New_York" autoComplete="off" hint="IANA time zone name" />
      <datalist id={listId}>
        {zones.map((z) => <option key={z} value={z} />)}
      </datalist>
    </>
  );
}
