import { readFile } from 'node:fs/promises';
import { decodeG711 } from '../codec/g711.js';
import { MediaErrors } from '../errors.js';
import { WAVE_FORMAT_ALAW, WAVE_FORMAT_EXTENSIBLE, WAVE_FORMAT_MULAW, WAVE_FORMAT_PCM, type WavEncoding, type WavInfo } from './wav-format.js';

/**
 * Reads a RIFF/WAVE file into 16-bit linear samples (interleaved when
 * stereo). Chunks are walked by their declared sizes with the RIFF pad
 * byte after odd sizes; unknown chunks (LIST, bext, cue, ...) are skipped.
 * Anything we cannot play exactly is rejected with a coded error rather
 * than played as noise.
 */
export interface WavAudio extends WavInfo {
  /** Decoded 16-bit samples, interleaved L,R for stereo. */
  readonly samples: Int16Array;
  /** Number of sample frames (samples per channel). */
  readonly frames: number;
}

function encodingOf(tag: number, bits: number): WavEncoding {
  if (tag === WAVE_FORMAT_PCM && bits === 16) return 'pcm16';
  if (tag === WAVE_FORMAT_MULAW && bits === 8) return 'mulaw';
  if (tag === WAVE_FORMAT_ALAW && bits === 8) return 'alaw';
  throw MediaErrors.create('WAV_UNSUPPORTED_FORMAT', { formatTag: tag, bitsPerSample: bits });
}

export function parseWav(buf: Buffer): WavAudio {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw MediaErrors.create('WAV_BAD_HEADER', { reason: 'not RIFF/WAVE' });
  }
  // Trust the file length over a RIFF size that streaming writers leave at 0 or too big.
  const riffEnd = Math.min(buf.length, 8 + buf.readUInt32LE(4) || buf.length);
  let fmt: { encoding: WavEncoding; channels: number; sampleRate: number; blockAlign: number } | undefined;
  let data: Buffer | undefined;
  for (let o = 12; o + 8 <= riffEnd; ) {
    const id = buf.toString('ascii', o, o + 4);
    const size = buf.readUInt32LE(o + 4);
    const body = o + 8;
    const end = Math.min(body + size, buf.length);
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length) throw MediaErrors.create('WAV_BAD_HEADER', { reason: 'short fmt chunk' });
      let tag = buf.readUInt16LE(body);
      const channels = buf.readUInt16LE(body + 2);
      const sampleRate = buf.readUInt32LE(body + 4);
      const blockAlign = buf.readUInt16LE(body + 12);
      const bits = buf.readUInt16LE(body + 14);
      if (tag === WAVE_FORMAT_EXTENSIBLE) {
        if (size < 40) throw MediaErrors.create('WAV_BAD_HEADER', { reason: 'short extensible fmt' });
        tag = buf.readUInt16LE(body + 24); // first two bytes of the SubFormat GUID
      }
      if (channels !== 1 && channels !== 2) throw MediaErrors.create('WAV_UNSUPPORTED_FORMAT', { channels });
      const encoding = encodingOf(tag, bits);
      if (blockAlign !== channels * (bits / 8)) throw MediaErrors.create('WAV_BAD_HEADER', { reason: 'block align', blockAlign });
      fmt = { encoding, channels, sampleRate, blockAlign };
    } else if (id === 'data') {
      if (!fmt) throw MediaErrors.create('WAV_BAD_HEADER', { reason: 'data before fmt' });
      // A data size of 0 or past the end comes from an interrupted recording: take what is there.
      data = buf.subarray(body, size === 0 ? buf.length : end);
      break;
    }
    o = body + size + (size % 2);
  }
  if (!fmt) throw MediaErrors.create('WAV_BAD_HEADER', { reason: 'no fmt chunk' });
  if (!data) throw MediaErrors.create('WAV_NO_DATA');
  const frames = Math.floor(data.length / fmt.blockAlign);
  let samples: Int16Array;
  if (fmt.encoding === 'pcm16') {
    samples = new Int16Array(frames * fmt.channels);
    for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2);
  } else {
    samples = decodeG711(fmt.encoding === 'mulaw' ? 'pcmu' : 'pcma', data.subarray(0, frames * fmt.channels));
  }
  return { encoding: fmt.encoding, channels: fmt.channels as 1 | 2, sampleRate: fmt.sampleRate, samples, frames };
}

export async function readWavFile(path: string): Promise<WavAudio> {
  return parseWav(await readFile(path));
}

/** Left/right channel of interleaved stereo (or the mono samples as is). */
export function channel(audio: WavAudio, index: 0 | 1): Int16Array {
  if (audio.channels === 1) return audio.samples;
  const out = new Int16Array(audio.frames);
  for (let i = 0; i < audio.frames; i++) out[i] = audio.samples[i * 2 + index];
  return out;
}
