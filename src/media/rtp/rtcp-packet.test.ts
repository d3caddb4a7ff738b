import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRtcp, serializeRtcpCompound, toNtp } from './rtcp-packet.js';
import { MediaErrors } from '../errors.js';

const block = { ssrc: 42, fractionLost: 25, cumulativeLost: 7, highestSequence: 70000, jitter: 33, lastSr: 5, delaySinceLastSr: 6 };

test('a sender report with CNAME and a report block round-trips', () => {
  const buf = serializeRtcpCompound({
    ssrc: 0xabcdef01, cname: 'switchboard@host',
    sender: { ...toNtp(Date.UTC(2026, 0, 1)), rtpTimestamp: 1234, packetCount: 50, octetCount: 8000 },
    reports: [block],
  });
  assert.equal(buf.length % 4, 0);
  const [sr, sdes] = parseRtcp(buf);
  assert.equal(sr.type, 'sr');
  if (sr.type !== 'sr') return;
  assert.equal(sr.ssrc, 0xabcdef01);
  assert.equal(sr.sender.packetCount, 50);
  assert.equal(sr.sender.ntpSeconds, Date.UTC(2026, 0, 1) / 1000 + 2208988800);
  assert.deepEqual(sr.reports[0], block);
  assert.equal(sdes.type === 'sdes' && sdes.cnames.get(0xabcdef01), 'switchboard@host');
});

test('a receiver report with BYE parses; negative cumulative loss is sign-extended', () => {
  const buf = serializeRtcpCompound({ ssrc: 9, cname: 'x', reports: [{ ...block, cumulativeLost: -2 }], bye: true });
  const pkts = parseRtcp(buf);
  assert.deepEqual(pkts.map((p) => p.type), ['rr', 'sdes', 'bye']);
  assert.equal(pkts[0].type === 'rr' && pkts[0].reports[0].cumulativeLost, -2);
  assert.deepEqual(pkts[2].type === 'bye' && pkts[2].ssrcs, [9]);
});

test('broken framing is rejected with RTCP_BAD_PACKET', () => {
  const buf = serializeRtcpCompound({ ssrc: 9, cname: 'x', reports: [block] });
  assert.throws(() => parseRtcp(buf.subarray(0, 20)), (e) => MediaErrors.is(e, 'RTCP_BAD_PACKET'));
  assert.throws(() => parseRtcp(Buffer.from([0x40, 200, 0, 0])), (e) => MediaErrors.is(e, 'RTCP_BAD_PACKET'));
});
