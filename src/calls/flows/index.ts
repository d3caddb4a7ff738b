// Public surface of the flow engine (the IVR): validate on save, run on a call.
export type {
  FlowCall, FlowValue, FlowCapabilities, PlayOptions, CollectOptions, CollectResult, EnqueueOptions, QueueWait, QueueExit,
  QueueOutcome, QueueStatus, TransferTarget, TransferResult, VoicemailOptions, VoicemailResult,
} from './flow-call.js';
export { validateFlow, parseFlow, type FlowValidation } from './validate-flow.js';
export type { Flow, FlowStep, FlowIssue } from './flow-schema.js';
export { FlowRunner, type FlowRunnerOptions, type FlowRunnerState, type FlowResult, type FlowEndReason, type PathEntry, type DigitsEntry } from './flow-runner.js';
export { DigitBuffer } from './digit-buffer.js';
export { FlowErrors, type FlowErrorCode } from './flow-errors.js';
export { VERBS, type VerbTable } from './verbs/verb-table.js';
export type { VerbDefinition, VerbContext, VerbResult } from './verb.js';
export { hoursState, localTime, type BusinessHours, type HoursState } from './business-hours.js';
export { TTS_UNAVAILABLE } from './capability-checks.js';
