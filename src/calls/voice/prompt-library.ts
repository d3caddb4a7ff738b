import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../store/database.js';
import { prompts } from '../../store/schema.js';
import { parseWav } from '../../media/wav/wav-reader.js';
import { resample, resampleSync } from '../../media/wav/resample.js';
import { toMono8k } from '../../media/player/prompt-player.js';
import { CallErrors } from '../errors.js';

/**
 * The audio a flow plays: a client's uploaded prompts by name (files under
 * DATA_DIR/prompts/<client>/<id>.wav, 8 kHz mono, made so on upload) and
 * text spoken by espeak-ng, resampled to 8 kHz. Both are cached: a queue's
 * hold music and its announcements are the same few files all day.
 */
export class PromptLibrary {
  readonly #files = new Map<string, Int16Array>();
  readonly #speech = new Map<string, Promise<Int16Array>>();

  constructor(private readonly db: Db, private readonly dataDir: string) {}

  /** Drops a prompt's cached audio (it was replaced or deleted in the admin pages). */
  forget(promptId: string): void {
    this.#files.delete(promptId);
  }

  async prompt(clientId: string, name: string): Promise<Int16Array> {
    const [row] = await this.db.select({ id: prompts.id }).from(prompts)
      .where(and(eq(prompts.clientId, clientId), sql`lower(${prompts.name}) = lower(${name})`)).limit(1);
    if (row === undefined) throw CallErrors.create('CALL_PROMPT_MISSING', { name });
    const cached = this.#files.get(row.id);
    if (cached !== undefined) return cached;
    const audio = parseWav(await readFile(join(this.dataDir, 'prompts', clientId, `${row.id}.wav`)));
    const samples = audio.sampleRate === 8000 ? toMono8k(audio) : await resample(toMonoAnyRate(audio.samples, audio.channels), audio.sampleRate, 8000);
    if (this.#files.size > 200) this.#files.clear();
    this.#files.set(row.id, samples);
    return samples;
  }

  /** Speaks `text` (en-US voice) as 8 kHz audio; rejects when espeak-ng is missing. */
  speak(text: string): Promise<Int16Array> {
    let p = this.#speech.get(text);
    if (p === undefined) {
      p = espeak(text);
      p.catch(() => this.#speech.delete(text));
      if (this.#speech.size > 500) this.#speech.clear();
      this.#speech.set(text, p);
    }
    return p;
  }
}

function espeak(text: string): Promise<Int16Array> {
  return new Promise((resolve, reject) => {
    execFile('espeak-ng', ['--stdout', '-v', 'en-us', '-s', '165', text], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(CallErrors.create('CALL_TTS_FAILED', { reason: err.message }));
      try {
        const audio = parseWav(stdout);
        resolve(resampleSync(toMonoAnyRate(audio.samples, audio.channels), audio.sampleRate, 8000));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

function toMonoAnyRate(samples: Int16Array, channels: number): Int16Array {
  if (channels === 1) return samples;
  const out = new Int16Array(Math.floor(samples.length / channels));
  for (let i = 0; i < out.length; i++) {
    let acc = 0;
    for (let c = 0; c < channels; c++) acc += samples[i * channels + c];
    out[i] = Math.round(acc / channels);
  }
  return out;
}
