/**
 * Switchboard's media layer: G.711, RTP/RTCP, RFC 4733 DTMF, WAV, prompt
 * player, recorder, bridge, mixer, SDP offer/answer. All our own code, no
 * media library (issue 4). The SIP layer and call sessions import from here.
 */
export { MediaErrors, type MediaErrorCode } from './errors.js';
export { systemMediaTimer, ManualMediaTimer, FrameScheduler, type MediaTimer } from './media-timer.js';
export * from './codec/g711.js';
export { PortAllocator, type PortRange } from './rtp/port-allocator.js';
export { RtpSession, type RtpEndpoint, type Endpoint, type LatchMode, type RtpSessionDelegate, type RtpSessionOptions, type RtpSessionStats } from './rtp/rtp-session.js';
export { RtpOutboundStream } from './rtp/rtp-stream.js';
export { parseRtp, serializeRtp, type RtpPacket } from './rtp/rtp-packet.js';
export { parseRtcp, serializeRtcpCompound, type RtcpPacket } from './rtp/rtcp-packet.js';
export { DtmfSender, type DtmfSendOptions } from './dtmf/dtmf-sender.js';
export { DtmfReceiver, type DtmfDigitReport } from './dtmf/dtmf-receiver.js';
export { ToneGenerator, sineTone, dtmfTone, goertzelPower, rmsDbm0 } from './tone/tone-generator.js';
export { parseWav, readWavFile, channel, type WavAudio } from './wav/wav-reader.js';
export { WavFileWriter, encodeWav } from './wav/wav-writer.js';
export { CallRecorder, type RecorderChannel, type RecorderState } from './recorder/call-recorder.js';
export { PromptPlayer, rtpFrameSink, type PlayerState, type FrameSink } from './player/prompt-player.js';
export { RtpBridge, type BridgeLeg, type LegName } from './bridge/rtp-bridge.js';
export { ConferenceMixer, type ConferenceParty } from './mixer/conference-mixer.js';
export { mixFrames, canHear, type MixParty, type PartyMode } from './mixer/mix-frames.js';
export { EchoResponder } from './echo/echo-responder.js';
export { MediaWorker, type DigitEvent } from './worker/media-worker.js';
export { SdpSession } from './sdp/sdp-session.js';
export { parseSdp } from './sdp/sdp-parser.js';
export { serializeSdp } from './sdp/sdp-serializer.js';
export { answerOffer, createOffer, readAnswer, type LocalAudio, type NegotiatedAudio, type AudioCodecName } from './sdp/offer-answer.js';
export type { Direction, SessionDescription } from './sdp/sdp-types.js';
