import { isIP } from 'node:net';
import type { Direction } from '../media/sdp/sdp-types.js';
import { WebRtcErrors } from './webrtc-errors.js';

/** Helpers both engines use on SDP text they produce. */

/** Our direction is the browser's mirrored (RFC 3264 §6.1). */
export function mirror(d: Direction): Direction {
  return d === 'sendonly' ? 'recvonly' : d === 'recvonly' ? 'sendonly' : d;
}

/** The address family of the configured host; anything but an IP literal is a configuration error. */
export function hostFamily(host: string): 4 | 6 {
  const family = isIP(host);
  if (family === 0) throw WebRtcErrors.create('WEBRTC_ENGINE_FAILED', { field: 'host', host }, `WebRTC host must be an IP address, got "${host}"`);
  return family as 4 | 6;
}

/**
 * Keeps only our host candidate on `host` (an engine may also gather other
 * interfaces), and writes `announced` in its place when the server sits
 * behind 1:1 NAT (the mediasoup `announcedIp` idea).
 */
export function ownCandidatesOnly(sdp: string, host: string, announced?: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const out: string[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('a=candidate:')) {
      const f = line.split(' ');
      if (f[4] !== host) continue;
      if (announced) f[4] = announced;
      out.push(f.join(' '));
    } else if (announced && line.startsWith('c=IN ')) {
      out.push(`c=IN IP${hostFamily(announced)} ${announced}`);
    } else out.push(line);
  }
  return out.join(eol);
}
