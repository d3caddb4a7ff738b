// Answering-machine detection on an answered outbound call's audio (see README.md).
export {
  AnsweringMachineDetector, type AmdDecision, type AmdEvidence, type AmdReason, type AmdResult, type AmdSpan, type AmdState,
} from './answering-machine-detector.js';
export { DEFAULT_AMD_SETTINGS, amdSettings, type AmdSettings } from './amd-settings.js';
export { BeepDetector, DEFAULT_BEEP_SETTINGS, type BeepResult, type BeepSettings, type BeepState } from './beep-detector.js';
export { FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE } from './frame-features.js';
