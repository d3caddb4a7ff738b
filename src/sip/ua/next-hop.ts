import { SipErrors } from '../errors.js';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { type SipRequest, routesOf } from '../message/message.js';
import { type Uri, isSipUri } from '../message/uri.js';
import type { Endpoint } from '../transport/transport.js';

/** Resolves a host name to an address (injected so tests need no DNS). */
export type Resolver = (host: string) => Promise<string>;

export const dnsResolver: Resolver = async (host) => (await lookup(host)).address;

/**
 * Where to send a request (RFC 3261 §8.1.2, simplified RFC 3263): the first
 * Route if any, else the Request-URI; transport from ;transport=, port 5060
 * by default. SRV/NAPTR lookups are not done.
 */
export async function nextHop(req: SipRequest, resolve: Resolver = dnsResolver): Promise<Endpoint> {
  const route = routesOf(req)[0];
  return uriEndpoint(route?.uri ?? req.uri, resolve);
}

export async function uriEndpoint(uri: Uri, resolve: Resolver = dnsResolver): Promise<Endpoint> {
  if (!isSipUri(uri)) throw SipErrors.create('SIP_BAD_TARGET', { scheme: uri.scheme }, `cannot route to a ${uri.scheme}: URI`);
  const maddr = uri.params.get('maddr');
  let host = typeof maddr === 'string' ? maddr : uri.host;
  if (host.startsWith('[')) host = host.slice(1, -1);
  const transport = (uri.params.get('transport') ?? '').toLowerCase();
  const protocol = transport === 'tcp' || uri.scheme === 'sips' ? 'TCP' : 'UDP';
  const address = isIP(host) !== 0 ? host : await resolve(host);
  return { protocol, address, port: uri.port ?? 5060 };
}
