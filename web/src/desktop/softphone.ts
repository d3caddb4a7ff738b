/**
 * The browser end of the softphone: one RTCPeerConnection per call to the
 * server's WebRTC engine (signalling rides the desktop WebSocket). PCMU and
 * telephone-event are forced with setCodecPreferences; the offer goes once
 * ICE gathering completes (the server takes no trickle, and its own
 * candidate comes inside its answer). Mute stops sending our track; DTMF
 * is RFC 4733 through RTCDTMFSender, relayed by the server to the caller.
 */
export interface AudioDevices { inputs: MediaDeviceInfo[]; outputs: MediaDeviceInfo[] }

export class Softphone {
  #pc: RTCPeerConnection | null = null;
  #interactionId: string | null = null;
  #mic: MediaStream | null = null;
  #micId = '';
  #speakerId = '';
  #muted = false;
  readonly #audio: HTMLAudioElement;
  #ctx: AudioContext | null = null;
  #micAnalyser: AnalyserNode | null = null;
  #ring: { stop(): void } | null = null;
  onChange: () => void = () => undefined;

  constructor() {
    this.#audio = new Audio();
    this.#audio.autoplay = true;
  }

  get interactionId(): string | null {
    return this.#interactionId;
  }
  get muted(): boolean {
    return this.#muted;
  }
  get connection(): RTCPeerConnectionState | null {
    return this.#pc?.connectionState ?? null;
  }

  /** Audio needs a user gesture once; every button press passes through here. */
  audioContext(): AudioContext {
    this.#ctx ??= new AudioContext();
    if (this.#ctx.state === 'suspended') void this.#ctx.resume();
    return this.#ctx;
  }

  async devices(): Promise<AudioDevices> {
    const all = await navigator.mediaDevices.enumerateDevices();
    return { inputs: all.filter((d) => d.kind === 'audioinput'), outputs: all.filter((d) => d.kind === 'audiooutput') };
  }

  async setMicrophone(deviceId: string): Promise<void> {
    this.#micId = deviceId;
    if (this.#pc === null) return;
    const stream = await this.#openMic();
    const sender = this.#pc.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null);
    await sender?.replaceTrack(stream.getAudioTracks()[0] ?? null);
    this.#applyMute();
  }

  async setSpeaker(deviceId: string): Promise<void> {
    this.#speakerId = deviceId;
    const el = this.#audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (el.setSinkId !== undefined) await el.setSinkId(deviceId);
  }

  async #openMic(): Promise<MediaStream> {
    for (const t of this.#mic?.getTracks() ?? []) t.stop();
    // A headset voice needs no processing from us; it also keeps test tones clean.
    this.#mic = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, ...(this.#micId ? { deviceId: { exact: this.#micId } } : {}) },
    });
    const ctx = this.audioContext();
    this.#micAnalyser = ctx.createAnalyser();
    this.#micAnalyser.fftSize = 512;
    ctx.createMediaStreamSource(this.#mic).connect(this.#micAnalyser);
    return this.#mic;
  }

  /** Our microphone's level, 0..1 (for the meter). */
  micLevel(): number {
    const a = this.#micAnalyser;
    if (a === null || this.#muted) return 0;
    const buf = new Float32Array(a.fftSize);
    a.getFloatTimeDomainData(buf);
    let sum = 0;
    for (const v of buf) sum += v * v;
    return Math.min(1, Math.sqrt(sum / buf.length) * 4);
  }

  /** Starts the call's media: returns the offer SDP for the server. */
  async offer(interactionId: string): Promise<string> {
    this.hangUp();
    const stream = await this.#openMic();
    const pc = new RTCPeerConnection();
    this.#pc = pc;
    this.#interactionId = interactionId;
    const transceiver = pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendrecv', streams: [stream] });
    const codecs = RTCRtpSender.getCapabilities('audio')?.codecs.filter(
      (c) => c.mimeType === 'audio/PCMU' || (c.mimeType === 'audio/telephone-event' && c.clockRate === 8000)) ?? [];
    transceiver.setCodecPreferences(codecs);
    const remote = new MediaStream();
    pc.ontrack = (e) => {
      remote.addTrack(e.track);
      this.#audio.srcObject = remote;
      void this.#audio.play().catch(() => undefined);
    };
    pc.onconnectionstatechange = () => this.onChange();
    this.#applyMute();
    await pc.setLocalDescription();
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const done = () => pc.iceGatheringState === 'complete' && resolve();
        pc.addEventListener('icegatheringstatechange', done);
        setTimeout(resolve, 3000);
      });
    }
    return pc.localDescription?.sdp ?? '';
  }

  async accept(interactionId: string, sdp: string): Promise<void> {
    if (this.#pc === null || this.#interactionId !== interactionId) return;
    await this.#pc.setRemoteDescription({ type: 'answer', sdp });
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#applyMute();
    this.onChange();
  }

  #applyMute(): void {
    for (const t of this.#mic?.getAudioTracks() ?? []) t.enabled = !this.#muted;
  }

  /** Sends one key (RFC 4733 in RTP); false when the call cannot carry it. */
  dtmf(key: string): boolean {
    const sender = this.#pc?.getSenders().find((s) => s.dtmf !== null);
    if (!sender?.dtmf?.canInsertDTMF) return false;
    sender.dtmf.insertDTMF(key, 160, 70);
    this.#click();
    return true;
  }

  /** A short local beep, so the agent hears the key went. */
  #click(): void {
    const ctx = this.audioContext();
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.frequency.value = 1000;
    g.gain.value = 0.04;
    o.connect(g).connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.06);
  }

  /** The incoming-call ring, generated (440 + 480 Hz, 2 s on, 4 s off). */
  startRinging(): void {
    if (this.#ring !== null) return;
    const ctx = this.audioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const oscs = [440, 480].map((f) => {
      const o = ctx.createOscillator();
      o.frequency.value = f;
      o.connect(gain);
      o.start();
      return o;
    });
    const cycle = () => {
      const t = ctx.currentTime;
      gain.gain.setValueAtTime(0.12, t);
      gain.gain.setValueAtTime(0, t + 2);
    };
    cycle();
    const timer = setInterval(cycle, 6000);
    this.#ring = {
      stop: () => {
        clearInterval(timer);
        for (const o of oscs) o.stop();
        gain.disconnect();
      },
    };
  }

  stopRinging(): void {
    this.#ring?.stop();
    this.#ring = null;
  }

  /** Closes the peer connection (the server sees the leg close and ends the call). */
  hangUp(): void {
    this.#pc?.close();
    this.#pc = null;
    this.#interactionId = null;
    this.#audio.srcObject = null;
    for (const t of this.#mic?.getTracks() ?? []) t.stop();
    this.#mic = null;
    this.#micAnalyser = null;
    this.onChange();
  }

  /** Whether a peer connection carries (or is setting up) a call now. */
  get active(): boolean {
    const pc = this.#pc;
    return pc !== null && pc.connectionState !== 'closed' && pc.connectionState !== 'failed';
  }

  get speakerId(): string {
    return this.#speakerId;
  }
  get micId(): string {
    return this.#micId;
  }
}
