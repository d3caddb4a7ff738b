/**
 * The server-side WebRTC engine of the browser softphone (issue 6): answers
 * a page's offer and gives a leg that plugs into the media layer like a SIP
 * leg (RtpBridge, PromptPlayer, ConferenceMixer, DTMF). Signalling (the
 * desktop's WebSocket) and call wiring live elsewhere.
 */
import type { WebRtcEngine, WebRtcEngineOptions } from './webrtc-engine.js';

export type { AnswerOptions, WebRtcEngine, WebRtcEngineOptions, WebRtcLeg, WebRtcLegState, WebRtcLegStats } from './webrtc-engine.js';
export { WebRtcErrors, type WebRtcErrorCode } from './webrtc-errors.js';
export { readBrowserOffer, type BrowserOffer } from './browser-offer.js';

export type WebRtcEngineName = WebRtcEngine['name'];

/**
 * Starts an engine; node-datachannel unless told otherwise. Each engine's
 * library is loaded only when chosen (werift pulls in a large module tree;
 * node-datachannel a native binary).
 */
export async function createWebRtcEngine(options: WebRtcEngineOptions, name: WebRtcEngineName = 'node-datachannel'): Promise<WebRtcEngine> {
  if (name === 'werift') return new (await import('./werift-engine.js')).WeriftEngine(options);
  return new (await import('./datachannel-engine.js')).DataChannelEngine(options);
}
