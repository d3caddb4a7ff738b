import type { ApiClient } from '../api/api-client.js';
import type { Prompt } from './voice-types.js';

/**
 * Audio is fetched by the browser's own <audio> element (same-origin, the
 * session cookie goes along; GETs need no CSRF token), so these are plain URLs.
 */
export const promptAudioUrl = (id: string): string => `/api/v1/prompts/${encodeURIComponent(id)}/audio`;
export const recordingAudioUrl = (id: string): string => `/api/v1/recordings/${encodeURIComponent(id)}/audio`;

/**
 * Uploads a WAV file as a client's prompt; the server converts it to 8 kHz
 * mono. Sent as audio/wav whatever the browser guessed (audio/x-wav, audio/wave
 * or nothing, depending on the system), since the server reads the bytes anyway.
 */
export const uploadPrompt = (api: ApiClient, clientId: string, name: string, file: Blob): Promise<Prompt> =>
  api.upload<Prompt>('/prompts', new Blob([file], { type: 'audio/wav' }), { client_id: clientId, name });

export const deletePrompt = (api: ApiClient, id: string): Promise<void> => api.delete(`/prompts/${encodeURIComponent(id)}`);

/** "retail Welcome (v2).wav" → "retail-welcome-v2": the name flows use in "prompt". */
export function promptNameFromFile(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.round(s - m * 60)).padStart(2, '0')} min`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
