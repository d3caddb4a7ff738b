/**
 * Hold music made here, so a fresh install has some without shipping audio:
 * a slow, soft arpeggio (C major, A minor, F major, G major; one chord every
 * two seconds, each note with a gentle attack and decay) at about -20 dBm0,
 * 8 s long so it loops without an audible seam (every note starts and ends
 * at zero). A client uploads its own and names it in `hold_music`.
 */
export function holdMusic(): Int16Array {
  const rate = 8000;
  const chords = [[261.63, 329.63, 392.0], [220.0, 261.63, 329.63], [174.61, 220.0, 261.63], [196.0, 246.94, 293.66]];
  const noteS = 0.5;
  const out = new Float64Array(rate * 8);
  let t0 = 0;
  for (const chord of chords) {
    for (const f of [...chord, chord[1]]) {
      const start = Math.round(t0 * rate);
      const len = Math.round(noteS * 1.6 * rate);
      for (let i = 0; i < len && start + i < out.length; i++) {
        const t = i / rate;
        const env = Math.min(1, t / 0.04) * Math.exp(-t * 3) * Math.sin((Math.PI * i) / len);
        out[start + i] += env * (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t));
      }
      t0 += noteS;
    }
  }
  const peak = out.reduce((m, x) => Math.max(m, Math.abs(x)), 0) || 1;
  const scale = 3000 / peak;
  return Int16Array.from(out, (x) => Math.round(x * scale));
}
