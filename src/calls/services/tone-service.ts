import { PromptPlayer, rtpFrameSink } from '../../media/player/prompt-player.js';
import { sineTone } from '../../media/tone/tone-generator.js';
import type { CallService, ServiceContext } from './call-service.js';

/** ITU-T O.6-style test tone: 1 kHz at −10 dBm0. */
export const TEST_TONE_HZ = 1000;
export const TEST_TONE_DBM0 = -10;

// One second holds exactly 1000 periods at 8 kHz, so looping it is seamless.
const ONE_SECOND = sineTone(TEST_TONE_HZ, TEST_TONE_DBM0, 1000);

/** `sip:tone@`: a continuous 1 kHz tone until the caller hangs up. */
export function toneService(ctx: ServiceContext): CallService {
  const m = ctx.media;
  const player = new PromptPlayer({ sink: rtpFrameSink(m.rtp, m.law, m.payloadType) });
  return {
    name: 'tone',
    start() {
      player.play(ONE_SECOND, { loop: true });
    },
    dispose() {
      player.dispose();
    },
  };
}
