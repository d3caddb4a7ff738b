import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply } from 'fastify';
import { defineErrors } from '../platform/errors.js';

export const FileErrors = defineErrors({
  FILE_MISSING: { status: 404, message: 'the audio file is missing' },
  RANGE_NOT_SATISFIABLE: { status: 416, message: 'the requested range is outside the file' },
});

export interface ByteRange { readonly start: number; readonly end: number }

/**
 * One `Range: bytes=...` (RFC 9110 §14.1.2) against a file of `size` bytes:
 * `undefined` means send the whole file (no header, another unit, several
 * ranges or a malformed one: a server may ignore Range, §14.2), and
 * 'unsatisfiable' means 416. Browsers' <audio> asks for one range at a time.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  const end = m[2] === '' ? size - 1 : Number(m[2]);
  return { start, end: Math.min(end, size - 1) };
}

/**
 * Streams an audio file with HTTP Range support so a browser can seek in
 * it. Our own rather than @fastify/static: that plugin is registered for
 * the web app's root only, and this is a dozen lines over createReadStream.
 * A file still being written (a live recording) is served as far as it is.
 */
export async function sendAudioFile(reply: FastifyReply, path: string, rangeHeader: string | undefined, filename: string): Promise<FastifyReply> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw FileErrors.create('FILE_MISSING');
    throw e;
  }
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    reply.header('accept-ranges', 'bytes').header('content-range', `bytes */${size}`);
    throw FileErrors.create('RANGE_NOT_SATISFIABLE', { size });
  }
  reply.header('accept-ranges', 'bytes').header('content-type', 'audio/wav')
    .header('cache-control', 'private, no-cache').header('content-disposition', `inline; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
  if (range === undefined) {
    return reply.header('content-length', size).send(createReadStream(path));
  }
  return reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', range.end - range.start + 1)
    .send(createReadStream(path, { start: range.start, end: range.end }));
}
