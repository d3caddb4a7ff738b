/**
 * Offers as real endpoints send them (shapes taken from SIPp's built-in
 * uac scenario, baresip and Linphone), for the SDP tests.
 */
const crlf = (s: string): string => s.trim().split('\n').map((l) => l.trim()).join('\r\n') + '\r\n';

export const SIPP_UAC_OFFER = crlf(`
v=0
o=user1 53655765 2353687637 IN IP4 127.0.0.1
s=-
c=IN IP4 127.0.0.1
t=0 0
m=audio 6000 RTP/AVP 0
a=rtpmap:0 PCMU/8000
`);

export const BARESIP_OFFER = crlf(`
v=0
o=- 1781406186 3470397470 IN IP4 192.168.1.23
s=-
c=IN IP4 192.168.1.23
t=0 0
a=tool:baresip 3.10.1
m=audio 10228 RTP/AVP 96 9 0 8 101
b=AS:125
a=rtpmap:96 opus/48000/2
a=fmtp:96 stereo=1;sprop-stereo=1
a=rtpmap:9 G722/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=rtcp-rsize
a=ssrc:1470370281 cname:d4b02d2f-3f0d-4e55-9b1a-0e8e3a8f2c77
a=sendrecv
a=label:1
a=ptime:20
`);

export const LINPHONE_OFFER = crlf(`
v=0
o=alice 3028 1446 IN IP4 192.168.0.12
s=Talk
c=IN IP4 192.168.0.12
t=0 0
a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
a=record:off
m=audio 7078 RTP/AVP 96 97 98 8 0 18 101 99 100
a=rtpmap:96 opus/48000/2
a=fmtp:96 useinbandfec=1
a=rtpmap:97 speex/16000
a=fmtp:97 vbr=on
a=rtpmap:98 speex/8000
a=fmtp:98 vbr=on
a=fmtp:18 annexb=yes
a=rtpmap:101 telephone-event/48000
a=rtpmap:99 telephone-event/16000
a=rtpmap:100 telephone-event/8000
a=rtcp-fb:* trr-int 1000
a=rtcp-fb:* ccm tmmbr
m=video 9078 RTP/AVP 96 97
a=rtpmap:96 VP8/90000
a=rtpmap:97 H264/90000
a=fmtp:97 profile-level-id=42801F
a=rtcp-fb:* trr-int 1000
`);

/** A carrier re-INVITE putting us on hold. */
export const HOLD_REOFFER = crlf(`
v=0
o=carrier 1000 1001 IN IP4 203.0.113.5
s=-
c=IN IP4 203.0.113.5
t=0 0
m=audio 20000 RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=sendonly
`);
