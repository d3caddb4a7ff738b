/**
 * What a new flow starts from: answer, a one-key menu, the client's first
 * voice queue, hang up. It needs no uploaded prompt and no text to speech, so
 * it is valid on any server as soon as the client has a voice queue; the
 * comment says what to add next.
 */
export function flowTemplate(name: string, queueName: string | null): Record<string, unknown> {
  return {
    name,
    steps: [
      { id: 'start', answer: {} },
      {
        id: 'main-menu',
        comment: 'Add a prompt (an uploaded recording) or say (text to speech) so callers hear the choices.',
        menu: { options: { 1: 'queue' }, timeout_s: 5, retries: 2, default: 'queue' },
      },
      { id: 'queue', enqueue: { queue: queueName ?? 'Name of a voice queue', max_wait_s: 600 } },
      { id: 'goodbye', hangup: {} },
    ],
  };
}

/** The editor's text for a definition: two-space JSON, as people write it. */
export const flowToText = (definition: unknown): string => `${JSON.stringify(definition, null, 2)}\n`;
