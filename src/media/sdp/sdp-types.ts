/**
 * SDP session description (RFC 4566 §5) as a plain data structure. Lines we
 * do not interpret (i=, u=, e=, p=, r=, z=, k=, unknown a=) are kept in
 * order so a description survives parse → serialize.
 */
export interface SdpOrigin {
  readonly username: string;
  readonly sessionId: string;
  /** Decimal digits; may exceed 2^53, so kept as a string and bumped with BigInt. */
  readonly sessionVersion: string;
  readonly netType: string;
  readonly addrType: string;
  readonly address: string;
}

export interface SdpConnection {
  readonly netType: string;
  readonly addrType: string;
  /** Without any /ttl/count suffix. */
  readonly address: string;
}

export interface SdpAttribute {
  readonly name: string;
  readonly value?: string | undefined;
}

/** A line kept verbatim: its type letter and value. */
export interface SdpLine {
  readonly type: string;
  readonly value: string;
}

export interface SdpMedia {
  readonly media: string; // audio, video, application, ...
  readonly port: number;
  readonly portCount?: number | undefined;
  readonly proto: string; // RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF, ...
  readonly formats: readonly string[];
  readonly connection?: SdpConnection | undefined;
  readonly bandwidths: readonly string[];
  readonly attributes: readonly SdpAttribute[];
  readonly otherLines: readonly SdpLine[]; // i=, k=
}

export interface SessionDescription {
  readonly version: number;
  readonly origin: SdpOrigin;
  readonly sessionName: string;
  readonly connection?: SdpConnection | undefined;
  readonly bandwidths: readonly string[];
  readonly timing: readonly string[]; // "start stop" of each t= line
  readonly attributes: readonly SdpAttribute[];
  readonly otherLines: readonly SdpLine[]; // i= u= e= p= r= z= k=
  readonly media: readonly SdpMedia[];
}

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export const DIRECTIONS: readonly Direction[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
