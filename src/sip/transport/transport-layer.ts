import { SipErrors } from '../errors.js';
import type { SipParseFailure } from '../message/errors.js';
import { type SipMessage, type SipRequest, type SipResponse, topVia } from '../message/message.js';
import { type ParseOptions, parseMessage } from '../message/parse-message.js';
import { responseForParseFailure } from '../message/response.js';
import { serializeMessage } from '../message/serialize.js';
import { formatVia, withReceived } from '../message/via.js';
import { responseDestination } from './response-destination.js';
import type { Endpoint, FramingError, Transport, TransportProtocol, TransportSink } from './transport.js';

/** Where a request came from, kept with it so the response can go back the same way. */
export interface Inbound {
  readonly source: Endpoint;
  readonly transport: Transport;
}

/** What the transport layer reports upward (the transaction layer implements it). */
export interface TransportLayerDelegate {
  onRequest(req: SipRequest, from: Inbound): void;
  onResponse(res: SipResponse, from: Inbound): void;
  /** For logs and metrics; the layer already answered or dropped. */
  onRejected?(failure: SipParseFailure | { readonly code: FramingError }, source: Endpoint): void;
}

export interface TransportLayerOptions {
  readonly parse?: ParseOptions;
  /** Our sent-by values; responses whose top Via is not ours are dropped (§18.1.2). */
  readonly isOurSentBy?: (host: string, port: number | undefined) => boolean;
}

/**
 * The transport layer of RFC 3261 §18 above the raw transports: parses
 * frames, stamps received/rport on requests (§18.2.1, RFC 3581), answers
 * malformed requests (400/505/416/513), drops foreign responses, and sends
 * responses where §18.2.2 says.
 */
export class TransportLayer implements TransportSink {
  readonly #transports = new Map<TransportProtocol, Transport>();
  #delegate: TransportLayerDelegate | undefined;

  constructor(readonly options: TransportLayerOptions = {}) {}

  setDelegate(d: TransportLayerDelegate): void {
    this.#delegate = d;
  }

  add(t: Transport): void {
    this.#transports.set(t.protocol, t);
  }

  get(protocol: TransportProtocol): Transport | undefined {
    return this.#transports.get(protocol);
  }

  onFrame(bytes: Buffer, source: Endpoint, transport: Transport): void {
    const r = parseMessage(bytes, this.options.parse);
    if (!r.ok) {
      this.#delegate?.onRejected?.(r.error, source);
      const resp = responseForParseFailure(r.error);
      if (resp !== null) this.#sendQuietly(transport, source, resp);
      return;
    }
    const msg = r.message;
    if (msg.kind === 'request') {
      this.#stampReceived(msg, source);
      this.#delegate?.onRequest(msg, { source, transport });
    } else {
      const via = topVia(msg);
      if (this.options.isOurSentBy !== undefined && !this.options.isOurSentBy(via.host, via.port)) return;
      this.#delegate?.onResponse(msg, { source, transport });
    }
  }

  onFramingError(source: Endpoint, reason: FramingError): void {
    this.#delegate?.onRejected?.({ code: reason }, source);
  }

  /** Sends a request to `dest` on the transport of that protocol. */
  async sendRequest(req: SipRequest, dest: Endpoint): Promise<void> {
    const t = this.#transports.get(dest.protocol);
    if (t === undefined) throw SipErrors.create('SIP_NO_TRANSPORT', { protocol: dest.protocol });
    await t.send(dest, serializeMessage(req));
  }

  /**
   * Sends a response per §18.2.2: over a stream, back on the request's
   * connection (the transport reuses it by address); else to the Via's
   * received/rport.
   */
  async sendResponse(res: SipResponse, inbound?: Inbound): Promise<void> {
    const dest = responseDestination(topVia(res));
    const t = inbound?.transport ?? this.#transports.get(dest.protocol);
    if (t === undefined) return;
    const bytes = serializeMessage(res);
    if (t.reliable && inbound !== undefined) {
      // The request's connection first; if it is gone, connect to received + sent-by port.
      await t.send(inbound.source, bytes).catch(() => t.send(dest, bytes));
      return;
    }
    await t.send(dest, bytes);
  }

  serialize(msg: SipMessage): Buffer {
    return serializeMessage(msg);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#transports.values()].map((t) => t.close()));
  }

  /** §18.2.1: add received when sent-by differs from the source; RFC 3581: fill rport. */
  #stampReceived(req: SipRequest, source: Endpoint): void {
    const via = topVia(req);
    const stamped = withReceived(via, source.address, source.port);
    if (!stamped.params.has('received') && !via.params.has('rport')) return;
    const values = req.headers.getAll('via');
    values[0] = formatVia(stamped);
    req.headers.set('via', values);
  }

  /**
   * A malformed request's Via may be what is wrong, and resolving names from
   * hostile input is a denial-of-service vector: answer the packet's source
   * address (as RFC 3581 would), or the same connection.
   */
  #sendQuietly(t: Transport, dest: Endpoint, res: SipResponse): void {
    t.send(dest, serializeMessage(res)).catch(() => undefined);
  }
}
