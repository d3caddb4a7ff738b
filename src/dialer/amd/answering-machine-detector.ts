import { DialerErrors } from '../dialer-errors.js';
import { amdSettings, invalid, type AmdSettings } from './amd-settings.js';
import { BeepDetector, type BeepResult } from './beep-detector.js';
import { FRAME_MS, FRAME_SAMPLES, frameFeatures } from './frame-features.js';
import { VoiceActivityDetector } from './voice-activity.js';

export type AmdResult = 'human' | 'machine' | 'unknown';

/** Which rule decided (Asterisk's AMDCAUSE, in words). */
export type AmdReason =
  | 'after_greeting_silence' // human: a short greeting, then a pause for the caller
  | 'initial_silence' //         initialSilenceVerdict: nobody spoke
  | 'long_greeting' //           machine: kept talking past maxGreetingMs
  | 'max_words' //               machine: more than maxWords words
  | 'max_word_length' //         machine: one sound longer than maxWordMs
  | 'beep' //                    machine: its beep came (evidence.beep); record now
  | 'timeout'; //                unknown: maxAnalysisMs without a decision

/** A stretch of audio; times in ms since the answer. */
export interface AmdSpan {
  readonly startMs: number;
  readonly durationMs: number;
}

/** What the decision rests on; times in ms since the answer. */
export interface AmdEvidence {
  /** Answer to the first word (to the decision when nobody spoke). */
  readonly initialSilenceMs: number;
  /** First word's start to last word's end; 0 without words. */
  readonly greetingMs: number;
  /** Last word's end to the decision; 0 without words. */
  readonly afterGreetingSilenceMs: number;
  /** Voice bursts of at least minWordMs (gaps under betweenWordsSilenceMs joined). */
  readonly words: readonly AmdSpan[];
  /** The pauses between those words. */
  readonly silences: readonly AmdSpan[];
  /** The line's noise floor when deciding (dBm0). */
  readonly noiseFloorDbm0: number;
  /** The beep, when one decided (it has ended: a message may start at once). */
  readonly beep?: AmdSpan & { readonly frequencyHz: number };
}

export interface AmdDecision {
  readonly result: AmdResult;
  readonly reason: AmdReason;
  /** When it was decided, on the caller's clock (the end of the deciding frame, or the tick). */
  readonly atMs: number;
  /** `atMs` minus the answer time. */
  readonly afterAnswerMs: number;
  readonly evidence: AmdEvidence;
}

/**
 *   listening ─first word─► greeting ─pause ≥ afterGreetingSilenceMs─► decided (human)
 *       │                      └─long greeting / many words / long word─► decided (machine)
 *   listening | greeting ─a beep ended─► decided (machine)
 *       └─silence ≥ initialSilenceMs─► decided (initialSilenceVerdict)
 *   listening | greeting ─maxAnalysisMs─► decided (unknown)
 */
export type AmdState = 'listening' | 'greeting' | 'decided';

// The AMD's own beep detector only looks for beeps; its silence and timeout rules are the AMD's.
const BEEP_ONLY = { silenceAfterVoiceMs: Number.MAX_SAFE_INTEGER, maxWaitMs: Number.MAX_SAFE_INTEGER };

const NEXT: Record<AmdState, readonly AmdState[]> = {
  listening: ['greeting', 'decided'],
  greeting: ['decided'],
  decided: [],
};

/**
 * Answering-machine detection on the called party's audio, as it streams:
 * feed every 20 ms frame (160 samples of 8 kHz 16-bit linear PCM, decoded
 * from G.711) with the time of its first sample; `push` returns the
 * decision once there is one (and the same decision afterwards). Pure: all
 * time comes from the caller. A time jump between frames counts as silence
 * (peers that suppress silence send nothing), and `tick(nowMs)` lets that
 * silence decide when no packet comes at all.
 */
export class AnsweringMachineDetector {
  readonly settings: AmdSettings;
  #state: AmdState = 'listening';
  #answeredAtMs: number | undefined;
  #lastMs = -Infinity; // end of the last frame, or the last tick
  readonly #vad: VoiceActivityDetector;
  readonly #words: AmdSpan[] = [];
  readonly #silences: AmdSpan[] = [];
  #word: { startMs: number; endMs: number } | undefined; // the word being spoken (or the last one)
  #candidate: { startMs: number; endMs: number } | undefined; // voice not yet long enough to be a word
  #decision: AmdDecision | undefined;
  #beep: BeepDetector | undefined; // a short greeting then a beep is still a machine

  /** `answeredAtMs`: when the call was answered; default the first frame's time. */
  constructor(settings: Partial<AmdSettings> = {}, answeredAtMs?: number) {
    this.settings = amdSettings(settings);
    this.#vad = new VoiceActivityDetector(this.settings, FRAME_MS);
    if (answeredAtMs !== undefined) {
      if (!Number.isFinite(answeredAtMs)) invalid('answeredAtMs', answeredAtMs, 'a finite number');
      this.#answeredAtMs = answeredAtMs;
      this.#lastMs = answeredAtMs;
    }
  }

  get state(): AmdState {
    return this.#state;
  }

  get decision(): AmdDecision | undefined {
    return this.#decision;
  }

  /** One frame heard at `atMs` (its first sample). */
  push(frame: Int16Array, atMs: number): AmdDecision | undefined {
    if (!(frame instanceof Int16Array) || frame.length !== FRAME_SAMPLES) {
      invalid('frame', frame instanceof Int16Array ? `${frame.length} samples` : typeof frame, `an Int16Array of ${FRAME_SAMPLES} samples`);
    }
    this.#checkTime(atMs);
    if (this.#decision) return this.#decision;
    this.#answeredAtMs ??= atMs;
    if (this.settings.detectBeep) this.#beep ??= new BeepDetector(this.#answeredAtMs, BEEP_ONLY);
    // Silence up to this frame may decide by itself.
    if (atMs > this.#lastMs && this.#evaluate(atMs)) return this.#decision;
    const endMs = atMs + FRAME_MS;
    this.#lastMs = endMs;
    if (this.#vad.classify(frameFeatures(frame))) this.#voice(atMs, endMs);
    if (this.#beepDecides(this.#beep?.push(frame, atMs), endMs)) return this.#decision;
    this.#evaluate(endMs);
    return this.#decision;
  }

  /** Time passes with no audio (no packets): silence. */
  tick(nowMs: number): AmdDecision | undefined {
    this.#checkTime(nowMs);
    if (this.#decision || this.#answeredAtMs === undefined || nowMs <= this.#lastMs) return this.#decision;
    this.#lastMs = nowMs;
    // A beep cut off by the end of packets has ended too.
    if (!this.#beepDecides(this.#beep?.tick(nowMs), nowMs)) this.#evaluate(nowMs);
    return this.#decision;
  }

  #beepDecides(beep: BeepResult | undefined, nowMs: number): boolean {
    if (beep?.kind !== 'beep' || this.#answeredAtMs === undefined) return false;
    const startMs = beep.startMs - this.#answeredAtMs;
    return this.#decide('machine', 'beep', nowMs, { startMs, durationMs: beep.durationMs, frequencyHz: beep.frequencyHz });
  }

  #checkTime(t: number): void {
    if (!Number.isFinite(t)) invalid('atMs', t, 'a finite number');
    // Frames may abut (next start = last end) but never go back in time.
    if (t < this.#lastMs - FRAME_MS) invalid('atMs', t, `not before the previous frame (${this.#lastMs - FRAME_MS})`);
  }

  #voice(startMs: number, endMs: number): void {
    const bridge = this.settings.betweenWordsSilenceMs;
    if (this.#word && startMs - this.#word.endMs < bridge) {
      this.#word.endMs = endMs; // a short gap inside a word
      return;
    }
    if (this.#candidate && startMs - this.#candidate.endMs < bridge) this.#candidate.endMs = endMs;
    else this.#candidate = { startMs, endMs };
    if (this.#candidate.endMs - this.#candidate.startMs < this.settings.minWordMs) return;
    // The candidate is long enough: a new word.
    if (this.#word) {
      this.#closeWord();
      this.#silences.push(this.#span(this.#word.endMs, this.#candidate.startMs));
    }
    this.#word = this.#candidate;
    this.#candidate = undefined;
    if (this.#state === 'listening') this.#moveTo('greeting');
  }

  #closeWord(): void {
    if (this.#word) this.#words.push(this.#span(this.#word.startMs, this.#word.endMs));
  }

  /** Applies the rules at `nowMs`; true once decided. */
  #evaluate(nowMs: number): boolean {
    const s = this.settings;
    const answered = this.#answeredAtMs ?? nowMs;
    if (this.#state === 'listening') {
      if (nowMs - answered >= s.initialSilenceMs) return this.#decide(s.initialSilenceVerdict, 'initial_silence', nowMs);
    } else if (this.#state === 'greeting' && this.#word) {
      const first = this.#words[0]?.startMs ?? this.#word.startMs - answered;
      const greetingMs = this.#word.endMs - answered - first;
      const wordCount = this.#words.length + 1;
      if (nowMs - this.#word.endMs >= s.afterGreetingSilenceMs) return this.#decide('human', 'after_greeting_silence', nowMs);
      if (this.#word.endMs - this.#word.startMs >= s.maxWordMs) return this.#decide('machine', 'max_word_length', nowMs);
      if (greetingMs >= s.maxGreetingMs) return this.#decide('machine', 'long_greeting', nowMs);
      if (wordCount > s.maxWords) return this.#decide('machine', 'max_words', nowMs);
    }
    if (nowMs - answered >= s.maxAnalysisMs) return this.#decide('unknown', 'timeout', nowMs);
    return false;
  }

  #decide(result: AmdResult, reason: AmdReason, nowMs: number, beep?: AmdEvidence['beep']): true {
    const answered = this.#answeredAtMs ?? nowMs;
    this.#closeWord();
    const words = this.#words;
    const first = words[0], last = words[words.length - 1];
    this.#decision = {
      result,
      reason,
      atMs: nowMs,
      afterAnswerMs: nowMs - answered,
      evidence: {
        initialSilenceMs: first ? first.startMs : nowMs - answered,
        greetingMs: first && last ? last.startMs + last.durationMs - first.startMs : 0,
        afterGreetingSilenceMs: last ? nowMs - answered - (last.startMs + last.durationMs) : 0,
        words: [...words],
        silences: [...this.#silences],
        noiseFloorDbm0: this.#vad.noiseFloorDbm0 ?? -100,
        ...(beep ? { beep } : {}),
      },
    };
    this.#moveTo('decided');
    return true;
  }

  #moveTo(to: AmdState): void {
    if (!NEXT[this.#state].includes(to)) {
      throw DialerErrors.create('DIALER_ILLEGAL_TRANSITION', { from: this.#state, to }, `AMD cannot go from ${this.#state} to ${to}`);
    }
    this.#state = to;
  }

  #span(startMs: number, endMs: number): AmdSpan {
    const answered = this.#answeredAtMs ?? startMs;
    return { startMs: startMs - answered, durationMs: endMs - startMs };
  }
}
