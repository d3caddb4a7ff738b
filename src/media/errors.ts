import { defineErrors } from '../platform/errors.js';

/**
 * Error codes of the media layer. Callers (SIP, call sessions, the HTTP API)
 * branch on `code`; SDP failures map to SIP 488 Not Acceptable Here.
 */
export const MediaErrors = defineErrors({
  RTP_BAD_PACKET: { status: 400, message: 'malformed RTP packet' },
  RTCP_BAD_PACKET: { status: 400, message: 'malformed RTCP packet' },
  RTP_NO_PORT: { status: 503, message: 'no free RTP port in the configured range' },
  RTP_BAD_PORT_RANGE: { status: 500, message: 'RTP port range is invalid' },
  RTP_DISPOSED: { status: 409, message: 'RTP session is disposed' },
  RTP_ILLEGAL_TRANSITION: { status: 409, message: 'illegal RTP session state transition' },
  DTMF_BAD_DIGIT: { status: 400, message: 'not a DTMF digit' },
  WAV_BAD_HEADER: { status: 400, message: 'not a valid RIFF/WAVE file' },
  WAV_UNSUPPORTED_FORMAT: { status: 415, message: 'unsupported WAV format' },
  WAV_NO_DATA: { status: 400, message: 'WAV file has no data chunk' },
  WAV_BAD_SAMPLE_RATE: { status: 415, message: 'WAV sample rate must be 8000 Hz' },
  WAV_WRITER_CLOSED: { status: 409, message: 'WAV writer is closed' },
  PLAYER_ILLEGAL_TRANSITION: { status: 409, message: 'illegal prompt player state transition' },
  RECORDER_ILLEGAL_TRANSITION: { status: 409, message: 'illegal recorder state transition' },
  MIXER_UNKNOWN_PARTY: { status: 404, message: 'no such party in the mixer' },
  MIXER_DUPLICATE_PARTY: { status: 409, message: 'party already in the mixer' },
  SDP_PARSE_ERROR: { status: 400, message: 'malformed SDP' },
  SDP_NO_COMMON_CODEC: { status: 488, message: 'no acceptable audio codec in the offer' },
  SDP_BAD_ANSWER: { status: 488, message: 'SDP answer does not match the offer' },
});

export type MediaErrorCode = keyof typeof MediaErrors.table;
