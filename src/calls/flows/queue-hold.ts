import type { QueueExit, QueueOutcome, QueueStatus } from './flow-call.js';
import type { VerbContext } from './verb.js';
import type { EnqueueConfig } from './verbs/enqueue.js';

/** "You are caller number 3. Your estimated wait is about 4 minutes." */
export function positionAnnouncement(s: QueueStatus, o: { position: boolean; ewt: boolean }): string {
  const parts: string[] = [];
  if (o.position) parts.push(`You are caller number ${s.position}.`);
  if (o.ewt) {
    const min = Math.ceil(s.ewtS / 60);
    parts.push(s.ewtS < 60 ? 'Your estimated wait is less than a minute.' : `Your estimated wait is about ${min} minute${min === 1 ? '' : 's'}.`);
  }
  return parts.join(' ');
}

/**
 * The caller's time in queue: hold music, an announcement every N seconds
 * (music stops, position / wait / callback offer, music again), keys for the
 * callback and voicemail exits, the max-wait timer. Everything it starts is
 * registered on the verb's scope, so a hang-up mid-wait stops it all; an
 * agent answering stops it too (the host bridges the caller's audio).
 */
export async function holdCaller(ctx: VerbContext, c: EnqueueConfig): Promise<QueueOutcome> {
  const wait = ctx.call.enqueue(c.queue, { priority: c.priority, attributes: ctx.attributes() });
  let settled = false;
  ctx.scope.defer(() => {
    if (!settled) wait.exit('caller_hangup');
  });
  const waiting = new AbortController();
  ctx.scope.defer(() => waiting.abort());
  const stopWaiting = (): void => {
    if (waiting.signal.aborted) return;
    waiting.abort();
    ctx.call.stopPlayback();
  };
  const leave = (reason: QueueExit): void => {
    stopWaiting();
    wait.exit(reason);
  };
  wait.onConnected(stopWaiting);
  if (c.max_wait_s !== undefined) ctx.after(c.max_wait_s * 1000, () => leave('timeout'));

  const keys = new Map<string, QueueExit>();
  if (c.callback !== undefined) keys.set(c.callback.key, 'callback');
  if (c.voicemail !== undefined) keys.set(c.voicemail.key, 'voicemail');
  const tasks = [hold(ctx, c, wait.status.bind(wait), waiting.signal)];
  if (keys.size > 0) tasks.push(listen(ctx, keys, leave, waiting.signal));
  // Both loops end when the wait does; their failures after a kill are expected.
  const background = Promise.all(tasks).catch(() => undefined);

  const outcome = await wait.outcome;
  settled = true;
  stopWaiting();
  await background;
  ctx.scope.check();
  return outcome;
}

async function hold(ctx: VerbContext, c: EnqueueConfig, status: () => QueueStatus, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const every = c.announce === undefined ? undefined : c.announce.every_s * 1000;
    const tick = new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      if (every !== undefined) ctx.after(every, done);
      signal.addEventListener('abort', done, { once: true });
    });
    if (c.hold_music !== undefined) {
      // The music stops on the announcement tick (stopPlayback resolves play).
      void tick.then(() => ctx.call.stopPlayback());
      await ctx.play(c.hold_music, { loop: true });
    } else {
      await tick;
    }
    if (signal.aborted || c.announce === undefined) return;
    const text = positionAnnouncement(status(), { position: c.announce.position, ewt: c.announce.ewt });
    if (text !== '') await ctx.say(text);
    if (!signal.aborted && c.announce.prompt !== undefined) await ctx.play(c.announce.prompt);
    if (!signal.aborted && c.callback?.prompt !== undefined) await ctx.play(c.callback.prompt);
  }
}

async function listen(ctx: VerbContext, keys: ReadonlyMap<string, QueueExit>, leave: (r: QueueExit) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const r = await ctx.collect({ maxDigits: 1, timeoutMs: Number.POSITIVE_INFINITY }, signal);
    const exit = keys.get(r.digits);
    if (exit !== undefined) {
      ctx.recordDigits(r.digits);
      leave(exit);
    }
  }
}
