import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../platform/logger.js';
import { goertzelPower, rmsDbm0, sineTone } from '../media/tone/tone-generator.js';
import type { CallSummary } from './call-session.js';
import { startTelephony, type Telephony } from './telephony.js';
import { TestPhone, until } from './test-phone.test-helper.js';

const log = createLogger('silent');
const base = 36000 + 2 * Math.floor(Math.random() * 4000);

/** A telephony on loopback; no prompt file, so the intro is short beeps (58 frames). */
function start(): Promise<Telephony> {
  return startTelephony({
    config: { SIP_PORT: 0, SIP_HOST: '127.0.0.1', RTP_PORT_MIN: base, RTP_PORT_MAX: base + 19 },
    log, bindAddress: '127.0.0.1', promptsDir: '/nonexistent', rtcpIntervalMs: 0,
  });
}

const PROMPT_FRAMES = 58;

void test('late offer: an INVITE without SDP gets our offer in the 200, the ACK answer picks PCMA, and the echo test plays and echoes in it', async () => {
  const tel = await start();
  const phone = await TestPhone.start();
  const digits: string[] = [];
  const ended: CallSummary[] = [];
  tel.onDigit((_id, d) => digits.push(d));
  tel.onCallEnded((s) => ended.push(s));
  try {
    const { session, status, answer: offer } = await phone.call(`sip:echo@127.0.0.1:${tel.ports.udp}`, Buffer.alloc(0), phone.answerer(['PCMA']));
    assert.equal(status, 200, 'answered, not 488');
    assert.match(offer, /m=audio \d+ RTP\/AVP 0 8 101\r\n/, 'the 200 carries our offer: PCMU, PCMA, telephone-event');
    assert.ok(await until(() => phone.received.length >= PROMPT_FRAMES, 4000), `prompt frames: ${phone.received.length}`);
    assert.ok(phone.received.every((p) => p.payloadType === 8), 'the prompt is in the codec the ACK answer chose (PCMA)');
    await new Promise((r) => setTimeout(r, 60));
    const before = phone.received.length;
    phone.sendAudio('pcma', 8, sineTone(1000, -10, 400));
    assert.ok(await until(() => phone.received.length >= before + 20), 'all 20 frames echoed');
    const echoed = phone.heard('pcma', 8).subarray(before * 160);
    assert.ok(Math.abs(rmsDbm0(echoed) - -10) < 0.5, `echo level ${rmsDbm0(echoed)} dBm0`);
    assert.ok(goertzelPower(echoed, 1000) > 100 * goertzelPower(echoed, 1400));
    phone.sendDigit(7);
    assert.ok(await until(() => digits.length === 1), 'an RFC 4733 digit on the PT of the ACK answer is reported');
    assert.deepEqual(digits, ['7']);
    await session.bye();
    assert.ok(await until(() => ended.length === 1 && tel.rtpPortsInUse === 0), 'BYE releases the call and its RTP ports');
    assert.equal(ended[0].service, 'echo');
    assert.ok(ended[0].rtp.received >= 20 + 4, `received ${ended[0].rtp.received}`);
  } finally {
    await phone.close();
    await tel.stop();
  }
});

void test('late offer: an ACK without an answer, with a non-SDP body, or with an answer we cannot use ends the call with BYE and frees its port', async () => {
  const tel = await start();
  const phone = await TestPhone.start();
  const ended: CallSummary[] = [];
  tel.onCallEnded((s) => ended.push(s));
  const acks = {
    'no body': () => ({ body: Buffer.alloc(0) }),
    'not SDP': () => ({ body: Buffer.from('Signal=5\r\n'), contentType: 'application/dtmf-relay' }),
    'unparsable SDP': () => ({ body: Buffer.from('not sdp') }),
    'a codec we did not offer (G.729)': () => ({ body: Buffer.from(`v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${phone.rtp.address().port} RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n`) }),
  };
  try {
    for (const [what, ack] of Object.entries(acks)) {
      const { session, status } = await phone.call(`sip:echo@127.0.0.1:${tel.ports.udp}`, Buffer.alloc(0), ack);
      assert.equal(status, 200, what);
      const bye = await new Promise<{ by: string; reason: string }>((r) => (session.state === 'terminated' ? r({ by: 'remote', reason: 'already' }) : session.on('ended', r)));
      assert.equal(bye.by, 'remote', `${what}: we hung up with BYE`);
      assert.ok(await until(() => tel.activeCalls === 0 && tel.rtpPortsInUse === 0), `${what}: the call and its RTP port are released`);
      assert.match(ended.at(-1)?.reason ?? '', /no usable SDP answer/, what);
    }
    assert.equal(ended.length, 4);
    assert.ok(ended.every((s) => s.rtp.sent === 0), 'no service ran: nothing was played');
  } finally {
    await phone.close();
    await tel.stop();
  }
});
