// A whole Switchboard (embedded PostgreSQL, SIP on a free port) set up for
// inbound-voice tests through its own API: a skill, queues, agents with SIP
// passwords, flows and numbers of the demo retail client; plus baresip
// phones for agents (registered, auto-answer) and callers, each with a tone
// for a microphone so each side can check what it heard.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goertzelPower, sineTone } from '../../../src/media/tone/tone-generator.js';
import { encodeWav } from '../../../src/media/wav/wav-writer.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { loggedIn, type ApiClient } from '../../helpers/http.js';
import { Baresip } from './baresip.js';
import { until } from './peers.js';

export interface VoiceRig {
  readonly server: TestServer;
  readonly api: ApiClient;
  readonly sipPort: number;
  readonly clientId: string;
  readonly skillId: string;
  readonly dir: string;
  queue(name: string, extra?: Record<string, unknown>): Promise<string>;
  agent(extension: string, extra?: Record<string, unknown>): Promise<{ id: string; password: string }>;
  flow(name: string, steps: unknown[]): Promise<string>;
  number(e164: string, flowId: string): Promise<string>;
  /** An agent's phone: registered with its extension, answers by itself (unless `autoAnswer` is false), sends `toneHz`. */
  agentPhone(extension: string, password: string, toneHz: number, autoAnswer?: boolean): Promise<Baresip>;
  /** A caller's phone sending `toneHz`; `user` is the number it calls from (its From header). */
  callerPhone(toneHz: number, user?: string): Promise<Baresip>;
  close(): Promise<void>;
}

export async function voiceRig(env: Record<string, string> = {}): Promise<VoiceRig> {
  const dir = mkdtempSync(join(tmpdir(), 'voice-rig-'));
  const rtpBase = 20000 + 2 * Math.floor(Math.random() * 4000);
  const server = await startTestServer({ SIP_HOST: '127.0.0.1', RTP_PORT_MIN: String(rtpBase), RTP_PORT_MAX: String(rtpBase + 399), ...env });
  const phones: Baresip[] = [];
  try {
    const api = await loggedIn(server.url, server.adminEmail, server.adminPassword);
    const sipPort = server.sb.telephony?.ports.udp;
    assert.ok(sipPort, 'SIP listening');
    const clients = await api.req('GET', '/api/v1/clients?limit=100');
    const client = (clients.body.items as Array<{ id: string; code: string }>).find((c) => c.code === 'NWR');
    assert.ok(client, 'demo client NWR');
    const skill = await api.req('POST', '/api/v1/skills', { name: `voice-test-${Date.now()}` });
    assert.equal(skill.status, 201, JSON.stringify(skill.body));
    const created = async (path: string, body: unknown): Promise<string> => {
      const r = await api.req('POST', path, body);
      assert.equal(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    };
    const rig: VoiceRig = {
      server, api, sipPort, clientId: client.id, skillId: skill.body.id as string, dir,
      queue: (name, extra = {}) => created('/api/v1/queues', {
        client_id: client.id, name, channel: 'voice', required_skills: [{ skill_id: skill.body.id, min_level: 1 }], ring_timeout_s: 8, wrap_up_s: 2, ...extra,
      }),
      async agent(extension, extra = {}) {
        const password = `pw-${extension}-secret`;
        const id = await created('/api/v1/agents', {
          name: `Agent ${extension}`, extension, client_ids: [client.id], skills: [{ skill_id: skill.body.id, level: 5 }], sip_password: password, ...extra,
        });
        return { id, password };
      },
      flow: (name, steps) => created('/api/v1/flows', { client_id: client.id, name, definition: { name, steps } }),
      number: (e164, flowId) => created('/api/v1/numbers', { client_id: client.id, e164, flow_id: flowId }),
      async agentPhone(extension, password, toneHz, autoAnswer = true) {
        const d = mkdtempSync(join(dir, `agent-${extension}-`));
        const wav = join(d, 'mic.wav');
        writeFileSync(wav, encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, sineTone(toneHz, -12, 60_000)));
        const phone = await Baresip.start({ dir: d, sourceWav: wav, account: `<sip:${extension}@127.0.0.1:${sipPort};transport=udp>;auth_pass=${password};regint=120;answermode=${autoAnswer ? 'auto' : 'manual'}` });
        phones.push(phone);
        assert.ok(await until(() => server.sb.voice?.phones.isRegistered(extension) === true, 10_000), `phone ${extension} registered:\n${phone.log.slice(-1500)}`);
        return phone;
      },
      async callerPhone(toneHz, user) {
        const d = mkdtempSync(join(dir, 'caller-'));
        const wav = join(d, 'mic.wav');
        writeFileSync(wav, encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 8000 }, sineTone(toneHz, -12, 60_000)));
        const phone = await Baresip.start({ dir: d, sourceWav: wav, ...(user !== undefined ? { account: `<sip:${user}@127.0.0.1>;regint=0` } : {}) });
        phones.push(phone);
        return phone;
      },
      async close() {
        for (const p of phones) await p.stop().catch(() => undefined);
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return rig;
  } catch (err) {
    for (const p of phones) await p.stop().catch(() => undefined);
    await server.stop();
    throw err;
  }
}

/** Polls `read` until `ok` holds for its value (or the time is up); returns the last value. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, maxMs = 10_000): Promise<T> {
  let v = await read();
  const end = Date.now() + maxMs;
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 150));
    v = await read();
  }
  return v;
}

export { until };

/** A stretch of a capture in seconds (clamped), as linear samples. */
export function middle(s: Int16Array, fromS: number, toS: number): Int16Array {
  return s.subarray(Math.max(0, Math.round(fromS * 8000)), Math.min(s.length, Math.round(toS * 8000)));
}

/** Whether `s` carries `want` clearly above `other` (a tone check on what a phone heard). */
export function hears(s: Int16Array, want: number, other: number): boolean {
  return s.length > 4000 && goertzelPower(s, want) > 20 * goertzelPower(s, other);
}
