/**
 * The agent desktop's server side (issue 6): the desktop WebSocket, the
 * browser softphone as the agent's device, and the WebRTC engine it needs.
 * The page is web/src/desktop.
 */
import type { Config } from '../platform/config.js';

export { DesktopHub, type DesktopHubDeps } from './desktop-hub.js';
export { desktopGateway } from './desktop-gateway.js';

/**
 * Where the WebRTC engine binds and what it announces: WEBRTC_HOST, else
 * HOST when that is one address, else 127.0.0.1 (a wildcard cannot be a
 * candidate; set WEBRTC_HOST to an address agents' browsers reach).
 */
export function webrtcHost(config: Pick<Config, 'WEBRTC_HOST' | 'HOST'>): string {
  if (config.WEBRTC_HOST !== undefined) return config.WEBRTC_HOST;
  return ['0.0.0.0', '::', 'localhost'].includes(config.HOST) ? '127.0.0.1' : config.HOST;
}
