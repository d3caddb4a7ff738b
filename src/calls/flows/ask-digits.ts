import type { CollectOptions } from './flow-call.js';
import type { Audio } from './schema-parts.js';
import { speak } from './speak.js';
import type { VerbContext } from './verb.js';

export interface AskOptions {
  readonly audio: Audio;
  readonly collect: CollectOptions;
  /** Extra attempts after the first. */
  readonly retries: number;
  readonly accept: (digits: string) => boolean;
  /** Played after a wrong entry, before the prompt again. */
  readonly onInvalid?: Audio;
}

export type AskResult = { readonly digits: string } | { readonly failure: 'no_input' | 'invalid' };

/**
 * The prompt-and-collect loop that gather, menu and survey share: the prompt
 * can be interrupted by a key (type-ahead), no input and a wrong entry each
 * use up one retry, and the last failure is what the verb branches on.
 */
export async function askDigits(ctx: VerbContext, o: AskOptions): Promise<AskResult> {
  let failure: 'no_input' | 'invalid' = 'no_input';
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    await speak(ctx, o.audio, { bargeIn: true });
    ctx.scope.check();
    const r = await ctx.collect(o.collect);
    ctx.scope.check();
    if (r.digits === '') {
      failure = 'no_input';
      continue;
    }
    ctx.recordDigits(r.digits);
    if (o.accept(r.digits)) return { digits: r.digits };
    failure = 'invalid';
    ctx.call.clearDigits();
    if (o.onInvalid !== undefined && attempt < o.retries) {
      await speak(ctx, o.onInvalid);
      ctx.scope.check();
    }
  }
  return { failure };
}
