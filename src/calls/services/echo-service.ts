import { EchoResponder } from '../../media/echo/echo-responder.js';
import { PromptPlayer, rtpFrameSink } from '../../media/player/prompt-player.js';
import { CallErrors } from '../errors.js';
import { concat, silence } from '../prompts.js';
import type { CallService, ServiceContext } from './call-service.js';

/**
 * `sip:echo@` / *43: plays the intro and a beep, then sends the caller's own
 * audio back until the caller hangs up (EchoResponder restamps it onto our
 * stream). DTMF is collected by the call, not echoed.
 *
 *   idle ─start─► prompting ─prompt ended─► echoing ─dispose─► disposed
 */
export type EchoState = 'idle' | 'prompting' | 'echoing' | 'disposed';

const NEXT: Readonly<Record<EchoState, readonly EchoState[]>> = {
  idle: ['prompting', 'disposed'],
  prompting: ['echoing', 'disposed'],
  echoing: ['disposed'],
  disposed: [],
};

export function echoService(ctx: ServiceContext): CallService {
  let state: EchoState = 'idle';
  let player: PromptPlayer | undefined;
  let echo: EchoResponder | undefined;
  const transition = (to: EchoState): void => {
    if (!NEXT[state].includes(to)) throw CallErrors.create('CALL_ILLEGAL_TRANSITION', { what: 'echo', from: state, to });
    state = to;
  };
  const startEcho = (): void => {
    if (state !== 'prompting') return;
    transition('echoing');
    player?.dispose();
    player = undefined;
    const m = ctx.media;
    echo = new EchoResponder(m.rtp, { audioPayloadType: m.payloadType });
    ctx.tapDigits();
    ctx.log.debug('echo started');
  };
  return {
    name: 'echo',
    start() {
      transition('prompting');
      const m = ctx.media;
      player = new PromptPlayer({ sink: rtpFrameSink(m.rtp, m.law, m.payloadType) });
      player.once('ended', startEcho);
      player.play(concat(ctx.prompts.echoIntro, silence(300), ctx.prompts.beep));
    },
    dispose() {
      if (state === 'disposed') return;
      transition('disposed');
      player?.dispose();
      echo?.dispose();
    },
  };
}
