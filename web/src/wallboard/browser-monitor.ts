import type { ApiClient } from '../api/api-client.js';

/**
 * Listen / whisper / barge from the supervisor's browser: one WebRTC peer
 * connection to the server's engine (PCMU forced, the offer sent once ICE
 * gathering is complete: the server takes no trickle), the call's audio
 * played through the page. The server mixes it in (ConferenceMixer); the
 * microphone only reaches anyone in whisper (the agent) and barge (both).
 */
export interface BrowserMonitor {
  readonly interactionId: string;
  /** The mode in force now (the last one the server took). */
  readonly mode: MonitorMode;
  setMode(mode: MonitorMode): Promise<void>;
  stop(): Promise<void>;
}

export type MonitorMode = 'listen' | 'whisper' | 'barge';

export async function monitorInBrowser(api: ApiClient, interactionId: string, mode: MonitorMode, onEnded: () => void): Promise<BrowserMonitor> {
  // Supervisors whisper into a headset, like agents: the browser's voice processing (made for speakers)
  // would only add delay and pull a steady voice down by up to 20 dB (the softphone turns it off too).
  const mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
  const pc = new RTCPeerConnection();
  const stopAll = (): void => {
    for (const t of mic.getTracks()) t.stop();
    pc.close();
  };
  try {
    const transceiver = pc.addTransceiver(mic.getAudioTracks()[0], { direction: 'sendrecv', streams: [mic] });
    const codecs = RTCRtpSender.getCapabilities('audio')?.codecs.filter(
      (c) => c.mimeType === 'audio/PCMU' || (c.mimeType === 'audio/telephone-event' && c.clockRate === 8000)) ?? [];
    transceiver.setCodecPreferences(codecs);
    const speaker = new Audio();
    speaker.autoplay = true;
    pc.ontrack = (e) => {
      speaker.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void speaker.play().catch(() => undefined);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'closed' || pc.connectionState === 'failed') onEnded();
    };
    await pc.setLocalDescription();
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve()));
    }
    const offer = pc.localDescription!.sdp;
    const r = await api.post<{ ok: boolean; reason?: string; sdp: string | null }>(`/interactions/${interactionId}/call/monitor/browser`, { sdp: offer, mode });
    if (!r.ok || r.sdp === null) throw new Error(r.reason ?? 'the call is already being monitored');
    await pc.setRemoteDescription({ type: 'answer', sdp: r.sdp });
    let now: MonitorMode = mode;
    return {
      interactionId,
      get mode() {
        return now;
      },
      async setMode(m) {
        await api.post(`/interactions/${interactionId}/call/monitor/browser`, { sdp: offer, mode: m });
        now = m;
      },
      async stop() {
        // The server ends the supervisor's leg (and audits the stop) first; closing our peer connection
        // before would end the leg from our side and the stop would find nothing to stop (not audited).
        await api.post(`/interactions/${interactionId}/call/monitor/stop`).catch(() => undefined);
        stopAll();
      },
    };
  } catch (err) {
    stopAll();
    throw err;
  }
}
