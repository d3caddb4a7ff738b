import type { FlowCapabilities } from './flow-call.js';
import type { Audio } from './schema-parts.js';
import type { ConfigPath, VerbIssue } from './verb.js';

export const TTS_UNAVAILABLE =
  'text to speech is not available on this server (espeak-ng is not installed): record the words as a prompt and use "prompt" instead';

/** `say` needs espeak-ng on the host. */
export function checkTts(caps: FlowCapabilities, path: ConfigPath, message = TTS_UNAVAILABLE): VerbIssue[] {
  return caps.tts ? [] : [{ path, message }];
}

/** A prompt must have been uploaded for the client, when the host told us which ones were. */
export function checkPrompt(caps: FlowCapabilities, name: string | undefined, path: ConfigPath): VerbIssue[] {
  if (name === undefined || caps.prompts === undefined || caps.prompts.includes(name)) return [];
  return [{ path, message: `no prompt "${name}" has been uploaded for this client` }];
}

export function checkQueue(caps: FlowCapabilities, name: string | undefined, path: ConfigPath): VerbIssue[] {
  if (name === undefined || caps.queues === undefined || caps.queues.includes(name)) return [];
  return [{ path, message: `no queue "${name}" for this client` }];
}

/** The `prompt` / `say` pair of a prompting verb, optionally under `base` (['thanks']). */
export function checkAudio(caps: FlowCapabilities, audio: Audio, base: ConfigPath = []): VerbIssue[] {
  return [
    ...checkPrompt(caps, audio.prompt, [...base, 'prompt']),
    ...(audio.say === undefined ? [] : checkTts(caps, [...base, 'say'])),
  ];
}
