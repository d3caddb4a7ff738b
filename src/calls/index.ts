// Public surface of the call layer for the composition root (src/app.ts).
export { startTelephony, type Telephony, type TelephonyConfig, type TelephonyOptions } from './telephony.js';
export { CallSession, type CallState, type CallSummary } from './call-session.js';
export type { DigitSource } from './digit-collector.js';
export { CallErrors, type CallErrorCode } from './errors.js';
export { demoServices, ECHO_USERS, TONE_USERS, type ServiceTable, type ServiceEntry } from './services/service-table.js';
export type { CallService, ServiceContext, ServiceFactory } from './services/call-service.js';
export { runDialPlan, parseTarget, matchService, openMedia, answer, type InboundStep, type InboundCall } from './dial-plan.js';
export { loadPrompts, type Prompts } from './prompts.js';
