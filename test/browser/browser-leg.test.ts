// The browser softphone's leg as the voice layer sees it (src/desktop/
// browser-leg.ts) against real Chromium and the real engine: a key pressed
// in the page is a digit on the leg; the page hanging up ends the leg "by
// remote"; a browser that vanishes (its renderer crashes: no DTLS close)
// ends the leg once media consent is lost, which is what ends the call.
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

void test('a browser leg: page keys are digits, the page hanging up ends it by remote, a vanished browser ends it when consent is lost', { timeout: 90_000 }, async (t) => {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env['CI']) throw new Error(`browser suite cannot run in CI: ${missing}`);
    t.skip(missing);
    return;
  }
  const engine = new DataChannelEngine({ host: '127.0.0.1', port: await freeUdpPort() });
  const p = await openPhonePage(800);
  try {
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
  } finally {
    await p.close();
    await engine.close();
  }
});
