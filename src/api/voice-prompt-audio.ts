import { MediaErrors } from '../media/errors.js';
import { parseWav, type WavAudio } from '../media/wav/wav-reader.js';
import { encodeWav } from '../media/wav/wav-writer.js';
import { resample } from '../media/wav/resample.js';
import { defineErrors } from '../platform/errors.js';

/**
 * Uploaded prompts become what the player sends on a call: 8 kHz mono
 * 16-bit PCM. People upload whatever their recording tool makes (44.1 or
 * 48 kHz, stereo), so we mix down and resample here, once, at upload
 * (src/media/wav/resample.ts, polyphase, yielding to the event loop: the
 * calls' media share this thread).
 */
export const PromptAudioErrors = defineErrors({
  PROMPT_NOT_WAV: { status: 400, message: 'not a WAV file' },
  PROMPT_FORMAT: { status: 400, message: 'unsupported WAV format' },
  PROMPT_EMPTY: { status: 400, message: 'the WAV file has no audio' },
  PROMPT_TOO_LONG: { status: 400, message: 'the prompt is too long' },
});

export const PROMPT_RATES = [8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000] as const;
export const MAX_PROMPT_S = 15 * 60;
const OUT_RATE = 8000;

export interface ConvertedPrompt {
  /** The 8 kHz mono 16-bit WAV file to store. */
  readonly wav: Buffer;
  readonly durationMs: number;
  /** What was uploaded, for the audit log. */
  readonly source: { readonly encoding: string; readonly channels: number; readonly sample_rate: number };
}

/** Reads an uploaded WAV and returns it as 8 kHz mono; errors say what is wrong with the file. */
export async function convertPrompt(upload: Buffer): Promise<ConvertedPrompt> {
  let audio: WavAudio;
  try {
    audio = parseWav(upload);
  } catch (e) {
    if (MediaErrors.is(e, 'WAV_UNSUPPORTED_FORMAT')) {
      throw PromptAudioErrors.create('PROMPT_FORMAT', e.details, 'unsupported WAV format: send 16-bit PCM (or G.711), mono or stereo');
    }
    if (MediaErrors.is(e, 'WAV_NO_DATA')) throw PromptAudioErrors.create('PROMPT_EMPTY', {}, 'the WAV file has no data chunk');
    if (MediaErrors.is(e)) throw PromptAudioErrors.create('PROMPT_NOT_WAV', e.details, `not a valid WAV file (${typeof e.details?.reason === 'string' ? e.details.reason : e.message})`);
    throw e;
  }
  if (!(PROMPT_RATES as readonly number[]).includes(audio.sampleRate)) {
    throw PromptAudioErrors.create('PROMPT_FORMAT', { sample_rate: audio.sampleRate },
      `unsupported sample rate ${audio.sampleRate} Hz: use one of ${PROMPT_RATES.join(', ')}`);
  }
  if (audio.frames === 0) throw PromptAudioErrors.create('PROMPT_EMPTY');
  if (audio.frames / audio.sampleRate > MAX_PROMPT_S) {
    throw PromptAudioErrors.create('PROMPT_TOO_LONG', { max_s: MAX_PROMPT_S }, `the prompt is longer than ${MAX_PROMPT_S / 60} minutes`);
  }
  const samples = await resample(mixDown(audio), audio.sampleRate, OUT_RATE);
  return {
    wav: encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: OUT_RATE }, samples),
    durationMs: Math.round((samples.length * 1000) / OUT_RATE),
    source: { encoding: audio.encoding, channels: audio.channels, sample_rate: audio.sampleRate },
  };
}

/** Averages the two channels of stereo (a prompt has one voice; the phone has one ear). */
export function mixDown(audio: WavAudio): Int16Array {
  if (audio.channels === 1) return audio.samples;
  const out = new Int16Array(audio.frames);
  for (let i = 0; i < audio.frames; i++) out[i] = (audio.samples[2 * i] + audio.samples[2 * i + 1]) >> 1;
  return out;
}

export { resample };
