import { open, type FileHandle } from 'node:fs/promises';
import { encodeG711 } from '../codec/g711.js';
import { MediaErrors } from '../errors.js';
import { buildHeader, bytesPerSample, DATA_SIZE_OFFSET, FACT_VALUE_OFFSET, HEADER_BYTES, RIFF_SIZE_OFFSET, type WavInfo } from './wav-format.js';

/**
 * Streams a WAV file to disk: the header goes first with sizes of 0, samples
 * are appended in ~64 KB writes, and `close()` patches the RIFF, fact and
 * data sizes. Memory stays bounded however long the call: a recording is
 * never held whole. Writes are serialised on one promise chain, so callers
 * may call `write()` synchronously from packet handlers.
 */
const FLUSH_BYTES = 64 * 1024;

export class WavFileWriter {
  #handle: Promise<FileHandle>;
  #chain: Promise<unknown>;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #position = HEADER_BYTES;
  #dataBytes = 0;
  #closed = false;
  #error: unknown;

  constructor(readonly path: string, readonly info: WavInfo) {
    this.#handle = open(path, 'w');
    this.#chain = this.#handle.then((h) => h.write(buildHeader(info, 0), 0, HEADER_BYTES, 0));
    this.#chain.catch((e: unknown) => (this.#error = e));
  }

  get dataBytes(): number {
    return this.#dataBytes;
  }

  /** Appends interleaved 16-bit samples, encoded to the file's encoding. */
  write(samples: Int16Array): void {
    if (this.#closed) throw MediaErrors.create('WAV_WRITER_CLOSED', { path: this.path });
    let bytes: Buffer;
    if (this.info.encoding === 'pcm16') {
      bytes = Buffer.allocUnsafe(samples.length * 2);
      for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i], i * 2);
    } else {
      const out = Buffer.allocUnsafe(samples.length);
      encodeG711(this.info.encoding === 'mulaw' ? 'pcmu' : 'pcma', samples, out);
      bytes = out;
    }
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    this.#dataBytes += bytes.length;
    if (this.#pendingBytes >= FLUSH_BYTES) this.#flush();
  }

  #flush(): void {
    if (this.#pendingBytes === 0) return;
    const chunk = Buffer.concat(this.#pending, this.#pendingBytes);
    const at = this.#position;
    this.#position += chunk.length;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#chain = this.#chain.then(async () => (await this.#handle).write(chunk, 0, chunk.length, at));
    this.#chain.catch((e: unknown) => (this.#error = e));
  }

  /** Flushes, patches the header sizes and closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return this.#chain.then(() => undefined);
    this.#closed = true;
    this.#flush();
    const frameBytes = this.info.channels * bytesPerSample(this.info.encoding);
    const data = this.#dataBytes;
    this.#chain = this.#chain.then(async () => {
      const h = await this.#handle;
      const tail: Promise<unknown>[] = [];
      if (data % 2) tail.push(h.write(Buffer.alloc(1), 0, 1, HEADER_BYTES + data)); // RIFF pad byte
      const u32 = (v: number): Buffer => {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(v >>> 0);
        return b;
      };
      tail.push(h.write(u32(HEADER_BYTES - 8 + data + (data % 2)), 0, 4, RIFF_SIZE_OFFSET));
      tail.push(h.write(u32(Math.floor(data / frameBytes)), 0, 4, FACT_VALUE_OFFSET));
      tail.push(h.write(u32(data), 0, 4, DATA_SIZE_OFFSET));
      await Promise.all(tail);
    });
    try {
      await this.#chain;
    } finally {
      await (await this.#handle.catch(() => undefined))?.close();
    }
    if (this.#error) throw this.#error instanceof Error ? this.#error : new Error('WAV write failed', { cause: this.#error });
  }
}

/** Encodes a whole WAV in memory (prompts, tests). */
export function encodeWav(info: WavInfo, samples: Int16Array): Buffer {
  const bps = bytesPerSample(info.encoding);
  const data = Buffer.alloc(samples.length * bps);
  if (info.encoding === 'pcm16') for (let i = 0; i < samples.length; i++) data.writeInt16LE(samples[i], i * 2);
  else encodeG711(info.encoding === 'mulaw' ? 'pcmu' : 'pcma', samples, data);
  const pad = data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([buildHeader(info, data.length), data, pad]);
}
