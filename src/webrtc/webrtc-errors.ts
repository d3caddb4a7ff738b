import { defineErrors } from '../platform/errors.js';

/**
 * Error codes of the WebRTC engine. An offer the browser sent that we cannot
 * take is the caller's fault (400, the details name the field); an engine
 * that cannot answer in time is ours (503).
 */
export const WebRtcErrors = defineErrors({
  WEBRTC_BAD_OFFER: { status: 400, message: 'the WebRTC offer is not acceptable' },
  WEBRTC_NO_PCMU: { status: 400, message: 'the WebRTC offer has no PCMU audio' },
  WEBRTC_ENGINE_CLOSED: { status: 409, message: 'the WebRTC engine is closed' },
  WEBRTC_ANSWER_TIMEOUT: { status: 503, message: 'the WebRTC engine did not gather its candidate in time' },
  WEBRTC_ENGINE_FAILED: { status: 500, message: 'the WebRTC engine failed to answer' },
  WEBRTC_ILLEGAL_TRANSITION: { status: 409, message: 'illegal WebRTC leg state transition' },
});

export type WebRtcErrorCode = keyof typeof WebRtcErrors.table;
