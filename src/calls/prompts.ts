import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toMono8k } from '../media/player/prompt-player.js';
import { sineTone } from '../media/tone/tone-generator.js';
import { parseWav } from '../media/wav/wav-reader.js';

/** The audio the demo services play, loaded once at start-up. */
export interface Prompts {
  /** "Echo test: speak after the tone", or a short beep pattern if the file is missing. */
  readonly echoIntro: Int16Array;
  /** The tone after which the echo starts (425 Hz, 400 ms, like a PBX's "go ahead"). */
  readonly beep: Int16Array;
  /** Where echoIntro came from, for the start-up log. */
  readonly source: 'file' | 'generated';
}

/** assets/prompts/ at the repository root (two levels above src/calls/ or dist/calls/). */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../assets/prompts/', import.meta.url));

/**
 * Reads assets/prompts/echo-test.wav (8 kHz mono, spoken by espeak-ng and
 * resampled with sox when the asset was made). A missing or unreadable file
 * never stops start-up: the intro becomes two short beeps.
 */
export async function loadPrompts(dir = DEFAULT_PROMPTS_DIR): Promise<Prompts> {
  const beep = sineTone(425, -13, 400);
  try {
    const intro = toMono8k(parseWav(await readFile(`${dir.replace(/\/?$/, '/')}echo-test.wav`)));
    return { echoIntro: intro, beep, source: 'file' };
  } catch {
    return { echoIntro: concat(sineTone(850, -13, 150), silence(150), sineTone(850, -13, 150)), beep, source: 'generated' };
  }
}

export function silence(ms: number): Int16Array {
  return new Int16Array(Math.round(ms * 8));
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
