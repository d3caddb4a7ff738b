import type { PlayOptions } from './flow-call.js';
import type { Audio } from './schema-parts.js';
import type { VerbContext } from './verb.js';

/** Plays a prompting verb's audio: the recorded prompt, then the spoken text (variables rendered). */
export async function speak(ctx: VerbContext, audio: Audio, options: PlayOptions = {}): Promise<void> {
  if (audio.prompt !== undefined) await ctx.play(audio.prompt, options);
  if (audio.say !== undefined) await ctx.say(ctx.vars.render(audio.say), options);
}
