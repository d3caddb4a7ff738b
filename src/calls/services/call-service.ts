import type { Logger } from '../../platform/logger.js';
import type { CallMedia } from '../call-media.js';
import type { Prompts } from '../prompts.js';

/** What a service may use while it runs one call. */
export interface ServiceContext {
  readonly media: CallMedia;
  readonly prompts: Prompts;
  readonly log: Logger;
  /** Call after replacing the RTP session's handler, so DTMF is still collected. */
  readonly tapDigits: () => void;
}

/**
 * One verb per file with a common start / dispose (STYLE habit 4). A
 * service starts once the call is answered and confirmed, and its dispose()
 * runs on every exit path; it never ends the call itself.
 */
export interface CallService {
  readonly name: string;
  start(): void;
  dispose(): void;
}

export type ServiceFactory = (ctx: ServiceContext) => CallService;
