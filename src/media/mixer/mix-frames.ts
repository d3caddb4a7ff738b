/**
 * The pure mixing rule of a conference: each party hears the sum of the
 * parties it may hear, never itself, clipped to 16 bits.
 *
 * Modes (for supervisors, BRIEF "listen, whisper, barge"):
 *   - 'normal': hears all, heard by all (customer, agent, third party);
 *   - 'listen': hears all, heard by none (silent monitoring);
 *   - 'whisper': hears all, heard only by `whisperTo` (coaching the agent);
 *   - 'barge':  hears all, heard by all (the supervisor joins the call).
 */
export type PartyMode = 'normal' | 'listen' | 'whisper' | 'barge';

export interface MixParty {
  readonly id: string;
  readonly mode: PartyMode;
  /** For 'whisper': the one party who hears this one. */
  readonly whisperTo?: string | undefined;
}

export function canHear(listener: MixParty, speaker: MixParty): boolean {
  if (listener.id === speaker.id) return false;
  switch (speaker.mode) {
    case 'listen':
      return false;
    case 'whisper':
      return speaker.whisperTo === listener.id;
    case 'normal':
    case 'barge':
      return true;
  }
}

/**
 * Mixes one frame. `frames` holds each party's input for this tick
 * (missing = silence). Returns each party's output frame; `scratch` is an
 * Int32 accumulator reused across calls.
 */
export function mixFrames(
  parties: readonly MixParty[],
  frames: ReadonlyMap<string, Int16Array | undefined>,
  frameSamples: number,
  scratch: Int32Array = new Int32Array(frameSamples),
): Map<string, Int16Array> {
  const out = new Map<string, Int16Array>();
  for (const listener of parties) {
    scratch.fill(0, 0, frameSamples);
    for (const speaker of parties) {
      const f = frames.get(speaker.id);
      if (!f || !canHear(listener, speaker)) continue;
      const n = Math.min(frameSamples, f.length);
      for (let i = 0; i < n; i++) scratch[i] += f[i];
    }
    const mixed = new Int16Array(frameSamples);
    for (let i = 0; i < frameSamples; i++) {
      const v = scratch[i];
      mixed[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
    out.set(listener.id, mixed);
  }
  return out;
}
