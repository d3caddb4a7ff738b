/**
 * WAV (RIFF/WAVE) formats Switchboard reads and writes: 16-bit linear PCM
 * (WAVE_FORMAT_PCM = 1), G.711 μ-law (WAVE_FORMAT_MULAW = 7) and A-law
 * (WAVE_FORMAT_ALAW = 6), mono or stereo.
 */
export type WavEncoding = 'pcm16' | 'mulaw' | 'alaw';

export const WAVE_FORMAT_PCM = 1;
export const WAVE_FORMAT_ALAW = 6;
export const WAVE_FORMAT_MULAW = 7;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export function formatTag(encoding: WavEncoding): number {
  return encoding === 'pcm16' ? WAVE_FORMAT_PCM : encoding === 'mulaw' ? WAVE_FORMAT_MULAW : WAVE_FORMAT_ALAW;
}

export function bytesPerSample(encoding: WavEncoding): number {
  return encoding === 'pcm16' ? 2 : 1;
}

export interface WavInfo {
  readonly encoding: WavEncoding;
  readonly channels: 1 | 2;
  readonly sampleRate: number;
}

/**
 * The header we write: RIFF, fmt (18 bytes with cbSize = 0, valid for PCM
 * too), fact (sample frames; required for non-PCM formats), then data.
 * Sizes are patched when the writer closes.
 */
export const HEADER_BYTES = 12 + 8 + 18 + 8 + 4 + 8;
export const RIFF_SIZE_OFFSET = 4;
export const FACT_VALUE_OFFSET = 12 + 8 + 18 + 8;
export const DATA_SIZE_OFFSET = HEADER_BYTES - 4;

export function buildHeader(info: WavInfo, dataBytes: number): Buffer {
  const bps = bytesPerSample(info.encoding);
  const h = Buffer.alloc(HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(HEADER_BYTES - 8 + dataBytes + (dataBytes % 2), RIFF_SIZE_OFFSET);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(18, 16);
  h.writeUInt16LE(formatTag(info.encoding), 20);
  h.writeUInt16LE(info.channels, 22);
  h.writeUInt32LE(info.sampleRate, 24);
  h.writeUInt32LE(info.sampleRate * info.channels * bps, 28);
  h.writeUInt16LE(info.channels * bps, 32);
  h.writeUInt16LE(bps * 8, 34);
  h.writeUInt16LE(0, 36);
  h.write('fact', 38, 'ascii');
  h.writeUInt32LE(4, 42);
  h.writeUInt32LE(Math.floor(dataBytes / (info.channels * bps)), FACT_VALUE_OFFSET);
  h.write('data', 50, 'ascii');
  h.writeUInt32LE(dataBytes, DATA_SIZE_OFFSET);
  return h;
}
