// The browser softphone's leg as the voice layer sees it (src/desktop/
// browser-leg.ts) against real Chromium and the real engine: a key pressed
// in the page is a digit on the leg; the page hanging up ends the leg "by
// remote"; a browser that vanishes (its renderer crashes: no DTLS close)
// ends the leg once media consent is lost, which is what ends the call. A
// reloaded page: the leg waits detached and a new peer connection reattaches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserLeg } from '../../src/desktop/browser-leg.js';
import { DataChannelEngine } from '../../src/webrtc/datachannel-engine.js';
import { freeUdpPort } from '../../src/webrtc/peer-fixture.js';
import { chromiumMissing } from './chromium.js';
import { openPhonePage, phone, type PhonePage } from './fixtures/webrtc-phone-page.js';

type Ended = { reason: string; byRemote: boolean; rtp: { sent: number; received: number } };

async function connect(p: PhonePage, engine: DataChannelEngine, id: string) {
  const leg = await engine.answer(await phone(p.page, 'offer', id));
  await phone(p.page, 'accept', id, leg.answerSdp);
  await phone(p.page, 'connected', id, 10_000);
  const bleg = browserLeg(leg);
  const ended = new Promise<Ended>((resolve) => bleg.onEnded(resolve));
  return { leg, bleg, ended };
}

/** Runs `fn` with the phone test page in Chromium and an engine on a free port (absent Chromium: fail in CI, else skip). */
async function onPhonePage(t: { skip(msg: string): void }, fn: (p: PhonePage, engine: DataChannelEngine) => Promise<void>): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env['CI']) throw new Error(`browser suite cannot run in CI: ${missing}`);
    t.skip(missing);
    return;
  }
  const engine = new DataChannelEngine({ host: '127.0.0.1', port: await freeUdpPort() });
  const p = await openPhonePage(800);
  try {
    await fn(p, engine);
  } finally {
    await p.close();
    await engine.close();
  }
}

void test('a browser leg: page keys are digits, the page hanging up ends it by remote, a vanished browser ends it when consent is lost', { timeout: 90_000 }, async (t) => {
  await onPhonePage(t, async (p, engine) => {
    const one = await connect(p, engine, 'one');
    assert.equal(one.bleg.media.law, 'pcmu');
    assert.equal(one.bleg.ended, false);
    const digits: string[] = [];
    one.bleg.onDigit((d) => digits.push(d));
    await phone(p.page, 'dtmf', 'one', '7#');
    const until = Date.now() + 5000;
    while (digits.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(digits, ['7', '#'], 'RFC 4733 keys from the page are reported once each');
    await phone(p.page, 'hangUp', 'one');
    const e1 = await one.ended;
    assert.deepEqual([e1.reason, e1.byRemote], ['remote hang-up', true]);
    assert.ok(e1.rtp.received > 10, `media was received (${e1.rtp.received} packets)`);
    assert.equal(one.bleg.ended, true);

    const two = await connect(p, engine, 'two');
    const started = Date.now();
    const cdp = await p.page.context().newCDPSession(p.page);
    // The renderer dies: no DTLS close_notify, consent checks go unanswered (the command itself never answers).
    void cdp.send('Page.crash').catch(() => undefined);
    const e2 = await two.ended;
    const tookS = (Date.now() - started) / 1000;
    assert.deepEqual([e2.reason, e2.byRemote], ['media lost', true]);
    assert.ok(tookS > 5 && tookS < 60, `ended after consent was lost (${tookS.toFixed(1)} s)`);
    assert.equal(two.leg.state, 'closed', 'a failed leg is closed, releasing its peer connection');
  });
});

void test('a reloaded page: its closed peer connection detaches the leg for the grace time; a new one reattaches and carries on; none ends it', { timeout: 60_000 }, async (t) => {
  await onPhonePage(t, async (p, engine) => {
    const first = await engine.answer(await phone(p.page, 'offer', 'first'));
    await phone(p.page, 'accept', 'first', first.answerSdp);
    await phone(p.page, 'connected', 'first', 10_000);
    const bleg = browserLeg(first, { graceMs: 1500 });
    const media: boolean[] = [];
    bleg.onMedia((lost) => media.push(lost));
    const end: { e?: Ended } = {};
    bleg.onEnded((e) => (end.e = e));
    const digits: string[] = [];
    bleg.onDigit((d) => digits.push(d));
    const wait = async (cond: () => boolean, ms: number) => {
      const until = Date.now() + ms;
      while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      return cond();
    };

    // The page goes (its peer connection closes, no hang-up): detached, not ended.
    await phone(p.page, 'hangUp', 'first');
    assert.ok(await wait(() => bleg.detached, 5000), 'the leg is detached');
    assert.deepEqual(media, [true]);
    assert.equal(bleg.ended, false, 'a closed page does not end the call at once');

    // The reloaded page's new peer connection takes over: same leg, new media, keys still arrive.
    const second = await engine.answer(await phone(p.page, 'offer', 'second'));
    await phone(p.page, 'accept', 'second', second.answerSdp);
    await phone(p.page, 'connected', 'second', 10_000);
    const before = bleg.media.rtp;
    bleg.reattach(second);
    assert.deepEqual([bleg.detached, media], [false, [true, false]]);
    assert.notEqual(bleg.media.rtp, before, 'the media is the new peer connection\'s');
    assert.equal(bleg.webrtc, second);
    await phone(p.page, 'dtmf', 'second', '4');
    assert.ok(await wait(() => digits.includes('4'), 5000), 'a key on the new connection is a digit on the same leg');
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(end.e, undefined, 'the grace timer of the first detach was cleared');

    // Gone again and never back: the leg ends when the grace runs out.
    await phone(p.page, 'hangUp', 'second');
    assert.ok(await wait(() => end.e !== undefined, 5000), 'ended after the grace');
    const e = end.e as Ended | undefined; // (narrowed to undefined by the assertion above, set since by the listener)
    assert.deepEqual([e?.reason, e?.byRemote], ['agent page gone', true]);
    assert.ok((e?.rtp.received ?? 0) > 10, 'packets of both connections are counted');
  });
});
