// Public surface of the SIP stack for the layers above (calls/, main.ts).
export { startSipStack, type SipStack, type SipStackOptions } from './sip-stack.js';
export { createUserAgent, UserAgent, type UserAgentDelegate, type UserAgentOptions, type InviteOptions, type Reply } from './ua/user-agent.js';
export { IncomingSession } from './ua/incoming-session.js';
export { OutgoingSession } from './ua/outgoing-session.js';
export type { Session, SessionEvents, SessionState, ReinviteRequest } from './ua/session.js';
export { createAdmission, TokenBucket } from './ua/rate-limiter.js';
export { createRegistrar, registerHandler, aorOf, type Registrar } from './registrar/registrar.js';
export { LocationService, type Binding } from './registrar/location-service.js';
export { createDigestServer, type DigestServer, type CredentialsLookup } from './auth/digest-server.js';
export { answerChallenge } from './auth/digest-client.js';
export { AuthThrottle } from './auth/auth-throttle.js';
export { parseMessage, type ParseResult, type ParseOptions } from './message/parse-message.js';
export { serializeMessage } from './message/serialize.js';
export type { SipMessage, SipRequest, SipResponse } from './message/message.js';
export { SipParseErrors, type SipParseFailure } from './message/errors.js';
