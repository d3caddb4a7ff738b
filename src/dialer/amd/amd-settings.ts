import { DialerErrors } from '../dialer-errors.js';
import { DEFAULT_VAD_SETTINGS, type VadSettings } from './voice-activity.js';

/**
 * The cadence rules of answering-machine detection, in the terms of
 * Asterisk's app_amd (whose documented defaults are quoted where ours
 * differ), plus the voice activity detector's settings.
 */
export interface AmdSettings extends VadSettings {
  /**
   * Silence from the answer before anyone speaks, after which we decide
   * `initialSilenceVerdict`. Default 2500 ms (Asterisk: 2500).
   */
  readonly initialSilenceMs: number;
  /**
   * What a silent line is. Default `human` (Asterisk says MACHINE). Silence
   * is no evidence of a machine: voicemail greetings start within a second,
   * while people who have learnt that predictive dialers answer them with
   * dead air now often wait for the caller to speak. Taking them for
   * machines hangs up on live people, which the US and UK rules count as
   * abandoned calls; passing a rare silent machine to an agent costs a few
   * seconds of agent time. `unknown` leaves it to the campaign.
   */
  readonly initialSilenceVerdict: 'human' | 'machine' | 'unknown';
  /**
   * A greeting (first word's start to last word's end, pauses shorter than
   * `afterGreetingSilenceMs` included) this long is a machine's. Default
   * 2500 ms: people answer in 0.5–1.5 s ("Hello?", "Hi, this is Sam."),
   * recorded greetings run 3–15 s. Asterisk's 1500 ms counts voiced time,
   * a different measure with about the same effect.
   */
  readonly maxGreetingMs: number;
  /** Silence after the greeting that means a person waiting for an answer. Default 800 ms (Asterisk: 800). */
  readonly afterGreetingSilenceMs: number;
  /**
   * More words than this in the greeting is a machine. Default 6.
   * Asterisk's 2–3 (by version) takes "Hi, this is Sam." for a machine
   * once words split at every 50 ms gap; with 6, the rule only speeds up
   * the verdict on fast talkers that the greeting length would catch later.
   */
  readonly maxWords: number;
  /** Voice shorter than this is a click, not a word. Default 100 ms (Asterisk: 100). */
  readonly minWordMs: number;
  /** A gap shorter than this does not end a word. Default 60 ms (Asterisk: 50). */
  readonly betweenWordsSilenceMs: number;
  /** One word this long (music, a tone, a monologue with no gap) is a machine. Default 5000 ms (Asterisk: 5000). */
  readonly maxWordMs: number;
  /** Undecided this long after the answer: `unknown`. Default 5000 ms (Asterisk: 5000). */
  readonly maxAnalysisMs: number;
  /**
   * A beep (see BeepDetector) means a machine whatever the cadence: it
   * catches short greetings ("Please leave a message.") that end in a
   * person-like pause. Default true.
   */
  readonly detectBeep: boolean;
}

export const DEFAULT_AMD_SETTINGS: AmdSettings = {
  ...DEFAULT_VAD_SETTINGS,
  initialSilenceMs: 2500,
  initialSilenceVerdict: 'human',
  maxGreetingMs: 2500,
  afterGreetingSilenceMs: 800,
  maxWords: 6,
  minWordMs: 100,
  betweenWordsSilenceMs: 60,
  maxWordMs: 5000,
  maxAnalysisMs: 5000,
  detectBeep: true,
};

const VERDICTS = ['human', 'machine', 'unknown'] as const;

/** Defaults overlaid with `overrides`; a bad value throws DIALER_INVALID_INPUT naming the field. */
export function amdSettings(overrides: Partial<AmdSettings> = {}): AmdSettings {
  const s: AmdSettings = { ...DEFAULT_AMD_SETTINGS, ...overrides };
  for (const [field, value] of Object.entries(s)) {
    if (field === 'initialSilenceVerdict') continue;
    if (field === 'detectBeep') {
      if (typeof value !== 'boolean') invalid(field, value, 'true or false');
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) invalid(field, value, 'a finite number');
    const mayBeNegative = field.endsWith('Dbm0');
    if (!mayBeNegative && value < 0) invalid(field, value, 'at least 0');
  }
  if (!VERDICTS.includes(s.initialSilenceVerdict)) invalid('initialSilenceVerdict', s.initialSilenceVerdict, VERDICTS.join(' | '));
  if (s.maxWords < 1 || !Number.isInteger(s.maxWords)) invalid('maxWords', s.maxWords, 'a whole number ≥ 1');
  if (s.noiseWindowMs <= 0) invalid('noiseWindowMs', s.noiseWindowMs, 'more than 0');
  return s;
}

export function invalid(field: string, value: unknown, expected: string): never {
  throw DialerErrors.create('DIALER_INVALID_INPUT', { field, value }, `${field} must be ${expected}, got ${String(value)}`);
}
