/**
 * The transport boundary (RFC 3261 §18): an interface only, like SIP.js
 * core/transport.ts. A transport moves framed messages as bytes; it reports
 * them upward through a `TransportSink` and never imports the layers above.
 */
export type TransportProtocol = 'UDP' | 'TCP';

export interface Endpoint {
  readonly protocol: TransportProtocol;
  readonly address: string;
  readonly port: number;
}

export interface Transport {
  readonly protocol: TransportProtocol;
  /** True for stream transports: no retransmissions (§17.1.1.2), Content-Length framing (§18.3). */
  readonly reliable: boolean;
  readonly local: { readonly address: string; readonly port: number };
  /** Sends one message; on TCP reuses an open connection to `dest` or opens one. */
  send(dest: { readonly address: string; readonly port: number }, bytes: Buffer): Promise<void>;
  /** Closes listeners and connections; safe to call twice. */
  close(): Promise<void>;
}

export type FramingError = 'missing-content-length' | 'bad-content-length' | 'too-large';

export interface TransportSink {
  /** One framed message (a datagram, or one Content-Length frame of a stream). */
  onFrame(bytes: Buffer, source: Endpoint, transport: Transport): void;
  /** A stream broke framing and was closed (RFC 3261 §18.3). */
  onFramingError?(source: Endpoint, reason: FramingError): void;
}

/** Per-source admission hook (rate limits), asked before any parsing work. */
export type AdmitSource = (source: Endpoint) => boolean;

export interface ListenOptions {
  readonly address: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly sink: TransportSink;
  readonly admit?: AdmitSource;
  readonly maxMessageBytes?: number;
}
