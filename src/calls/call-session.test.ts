import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../platform/logger.js';
import { PortAllocator } from '../media/rtp/port-allocator.js';
import { startSipStack } from '../sip/sip-stack.js';
import { CallSession } from './call-session.js';
import { answer, matchService, openMedia, parseTarget, runDialPlan, type InboundStep } from './dial-plan.js';
import { loadPrompts } from './prompts.js';
import { demoServices } from './services/service-table.js';
import { TestPhone, until } from './test-phone.test-helper.js';

const log = createLogger('silent');
const base = 40000 + 2 * Math.floor(Math.random() * 2000);

void test('CANCEL while the call rings with its media open: 487 to the caller, the RTP port is released, nothing answers later', async () => {
  const allocator = new PortAllocator({ min: base, max: base + 9 }, '127.0.0.1');
  const prompts = await loadPrompts('/nonexistent');
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const ringing: InboundStep = { name: 'ring', run: async (ctx) => { ctx.call.sip.progress(180); await gate; } };
  const ends: string[] = [];
  const stack = await startSipStack({
    bindAddress: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1', admission: false,
    delegate: {
      onInvite: (sip) => {
        const call = new CallSession(sip, { log, prompts, onDigit: () => undefined, onEnded: (_c, s) => ends.push(s.reason) });
        const steps = [parseTarget, matchService(demoServices()), openMedia({ allocator, address: '127.0.0.1', rtcpIntervalMs: 0 }), ringing, answer()];
        void runDialPlan(steps, { call });
      },
    },
  });
  const phone = await TestPhone.start();
  try {
    const session = phone.ua.invite(`sip:echo@127.0.0.1:${stack.ports.udp}`, { body: phone.offer() });
    const failed = new Promise<{ status: number }>((r) => session.on('failed', r));
    await new Promise((r) => session.on('progress', r));
    session.cancel();
    assert.equal((await failed).status, 487);
    assert.deepEqual(ends, ['remote: cancelled']);
    assert.ok(await until(() => allocator.inUse === 0), 'the cancelled call released its RTP port');
    release();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(allocator.inUse, 0, 'no RTP port left open by the cancelled call');
    assert.ok(await until(() => stack.ua.sessionCount === 0));
  } finally {
    await phone.close();
    await stack.close();
  }
});

void test('closing the SIP stack under a live call tells the call: it ends once (local: shutdown) and releases its RTP port', async () => {
  const allocator = new PortAllocator({ min: base + 10, max: base + 19 }, '127.0.0.1');
  const prompts = await loadPrompts('/nonexistent');
  const ends: string[] = [];
  const stack = await startSipStack({
    bindAddress: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1', admission: false,
    delegate: {
      onInvite: (sip) => {
        const call = new CallSession(sip, { log, prompts, onDigit: () => undefined, onEnded: (_c, s) => ends.push(s.reason) });
        void runDialPlan([parseTarget, matchService(demoServices()), openMedia({ allocator, address: '127.0.0.1', rtcpIntervalMs: 0 }), answer()], { call });
      },
    },
  });
  const phone = await TestPhone.start();
  try {
    const { status } = await phone.call(`sip:tone@127.0.0.1:${stack.ports.udp}`);
    assert.equal(status, 200);
    assert.ok(await until(() => phone.received.length > 0), 'the tone plays');
    await stack.close();
    assert.deepEqual(ends, ['local: shutdown'], 'the call layer is told once');
    assert.ok(await until(() => allocator.inUse === 0), 'the RTP port is released');
    const heard = phone.received.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(phone.received.length, heard, 'the tone stopped');
  } finally {
    await phone.close();
    await stack.close();
  }
});
