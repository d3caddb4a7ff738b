// baresip (Debian baresip-core) calls Switchboard's echo and tone services:
// what it records back is checked for frequency and level, and the DTMF it
// sends is what Switchboard reports. Absent baresip: fail in CI, skip (with a
// printed reason) elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/platform/logger.js';
import { startTelephony, type Telephony } from '../../src/calls/index.js';
import { goertzelPower, rmsDbm0, sineTone } from '../../src/media/tone/tone-generator.js';
import { readWavFile } from '../../src/media/wav/wav-reader.js';
import { encodeWav } from '../../src/media/wav/wav-writer.js';
import { Baresip, baresipMissing } from './helpers/baresip.js';
import { peerUnavailable, until } from './helpers/peers.js';

const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const rtpBase = 24000 + 2 * Math.floor(Math.random() * 1000);

interface Rig {
  tel: Telephony;
  phone: Baresip;
  dir: string;
  close(): Promise<void>;
}

/** Switchboard on loopback plus a baresip whose microphone is `sourceHz` at -10 dBm0. */
async function rig(sourceHz: number): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'echo-baresip-'));
  const wav = join(dir, 'source.wav');
  writeFileSync(wav, encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, sineTone(sourceHz, -10, 20_000)));
  const tel = await startTelephony({
    config: { SIP_PORT: 0, SIP_HOST: '127.0.0.1', RTP_PORT_MIN: rtpBase, RTP_PORT_MAX: rtpBase + 99 }, log, bindAddress: '127.0.0.1',
  });
  const phone = await Baresip.start({ dir, sourceWav: wav }).catch(async (err: unknown) => {
    await tel.stop();
    throw err;
  });
  return {
    tel, phone, dir,
    async close() {
      await phone.stop();
      await tel.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function dial(r: Rig, user: string): Promise<void> {
  r.phone.command('dial', `sip:${user}@127.0.0.1:${r.tel.ports.udp}`);
  assert.ok(await r.phone.waitFor('CALL_ESTABLISHED'), `call to ${user} not established:\n${r.phone.log.slice(-2000)}`);
}

/** Hangs up and returns what baresip decoded from us (the sndfile dump). */
async function hangupAndRead(r: Rig): Promise<Int16Array> {
  r.phone.command('hangup');
  assert.ok(await r.phone.waitFor('CALL_CLOSED'), 'call closed');
  assert.ok(await until(() => r.tel.activeCalls === 0 && r.tel.rtpPortsInUse === 0, 3000), 'Switchboard released the call');
  const file = r.phone.receivedWav();
  assert.ok(file, `baresip wrote no received-audio dump:\n${r.phone.log.slice(-2000)}`);
  const wav = await readWavFile(file);
  assert.equal(wav.sampleRate, 8000);
  return wav.samples;
}

/** The tone must dominate: well above the prompt's beep (425 Hz) and unrelated frequencies. */
function assertTone(samples: Int16Array, hz: number, what: string): void {
  const p = goertzelPower(samples, hz);
  for (const other of [425, 700, 1400, 2000].filter((f) => f !== hz)) {
    assert.ok(p > 100 * goertzelPower(samples, other), `${what}: ${hz} Hz not dominant over ${other} Hz`);
  }
  const level = rmsDbm0(samples);
  assert.ok(Math.abs(level - -10) < 1.5, `${what}: level ${level.toFixed(1)} dBm0, expected about -10`);
}

void test('baresip calls sip:echo with a 1 kHz WAV: after the prompt it hears the same tone back at the same level', async (t) => {
  if (peerUnavailable(t, baresipMissing())) return;
  const r = await rig(1000);
  try {
    await dial(r, 'echo');
    // Prompt (~2.8 s) + pause + beep ≈ 3.5 s, then 2 s of echo.
    await new Promise((res) => setTimeout(res, 5500));
    const heard = await hangupAndRead(r);
    assert.ok(heard.length > 5 * 8000, `recorded ${heard.length} samples`);
    const tail = heard.subarray(heard.length - 12_000, heard.length - 2000); // the last ~1.25 s of echo
    assertTone(tail, 1000, 'echoed audio');
    const prompt = heard.subarray(0, 16_000);
    assert.ok(goertzelPower(prompt, 1000) < goertzelPower(tail, 1000) / 100, 'the first 2 s are the prompt, not echo');
  } finally {
    await r.close();
  }
});

void test('baresip sends DTMF "1234#" (RFC 4733) to sip:echo: Switchboard reports exactly those digits', async (t) => {
  if (peerUnavailable(t, baresipMissing())) return;
  const r = await rig(1000);
  const digits: string[] = [];
  r.tel.onDigit((_id, d) => digits.push(d));
  try {
    await dial(r, 'echo');
    await new Promise((res) => setTimeout(res, 500));
    r.phone.command('sndcode', '1234#');
    await until(() => digits.length >= 5, 5000);
    await new Promise((res) => setTimeout(res, 300)); // no late duplicates
    assert.equal(digits.join(''), '1234#');
    await hangupAndRead(r);
  } finally {
    await r.close();
  }
});

void test('baresip calls sip:tone: what it records is a 1 kHz tone at -10 dBm0', async (t) => {
  if (peerUnavailable(t, baresipMissing())) return;
  const r = await rig(440); // its microphone plays 440 Hz: we must not hear that back
  try {
    await dial(r, 'tone');
    await new Promise((res) => setTimeout(res, 2000));
    const heard = await hangupAndRead(r);
    assert.ok(heard.length > 1.5 * 8000, `recorded ${heard.length} samples`);
    assertTone(heard.subarray(2000, heard.length - 2000), 1000, 'tone service');
    assert.ok(goertzelPower(heard, 440) < goertzelPower(heard, 1000) / 1000, 'not an echo of the caller');
  } finally {
    await r.close();
  }
});
