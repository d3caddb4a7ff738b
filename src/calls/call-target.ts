import type { Uri } from '../sip/message/uri.js';

/** Who was called: the Request-URI's user part, unescaped and without visual separators. */
export interface CallTarget {
  readonly user: string;
  readonly host: string | undefined;
}

// RFC 3966 §5.1.1: visual separators carry no meaning in a dialled number.
const VISUAL_SEPARATORS = /[-.()\s]/g;

/**
 * Reads the target of an inbound INVITE (RFC 3261 §8.2.2.1 routes on the
 * Request-URI). Accepts sip:/sips: URIs with a user part and tel: URIs
 * (RFC 3966); returns undefined for anything else.
 */
export function callTargetOf(uri: Uri): CallTarget | undefined {
  if ('host' in uri) {
    if (uri.user === undefined || uri.user === '') return undefined;
    const user = normaliseUser(unescape(uri.user));
    return user === '' ? undefined : { user, host: uri.host };
  }
  if (uri.scheme === 'tel') {
    const number = uri.raw.slice(4).split(';')[0];
    const user = normaliseUser(unescape(number));
    return user === '' ? undefined : { user, host: undefined };
  }
  return undefined;
}

/** A user part as calls are matched on it: a number without separators, a name in lower case. */
export function normaliseUser(user: string): string {
  // A phone number loses its separators; a name (echo, tone) is matched case-insensitively.
  return /^[+*#0-9\-.()\s]+$/.test(user) ? user.replace(VISUAL_SEPARATORS, '') : user.toLowerCase();
}

function unescape(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a stray '%' that is not an escape: keep the text as written
  }
}
