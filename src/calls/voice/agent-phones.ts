import { eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Db } from '../../store/database.js';
import { agents } from '../../store/schema.js';
import { AuthThrottle } from '../../sip/auth/auth-throttle.js';
import { createDigestServer } from '../../sip/auth/digest-server.js';
import { LocationService, type Binding } from '../../sip/registrar/location-service.js';
import { createRegistrar, registerHandler } from '../../sip/registrar/registrar.js';
import { toOf } from '../../sip/message/message.js';

/**
 * Agents' SIP desk phones and softphones: they REGISTER their extension
 * (digest user = extension, realm SIP_REALM, secret = the agent's stored
 * HA1, never a password) and are found again by extension when an offer
 * must ring them. A disabled agent or one without SIP secrets cannot
 * register. Bindings live in memory: phones re-register every few minutes,
 * so after a restart they come back on their own.
 */
export class AgentPhones {
  readonly location: LocationService;
  readonly onRegister: ReturnType<typeof registerHandler>;
  /** Hears an extension's phone come online (first binding) or go (last binding removed). */
  onPresence: (extension: string, registered: boolean) => void = () => undefined;

  constructor(private readonly db: Db, clock: Clock, readonly realm: string, private readonly log: Logger) {
    this.location = new LocationService(clock);
    const auth = createDigestServer({
      realm, clock,
      // MD5 only, for now: phones in the field (baresip 1.0's libre among them) fail
      // registration with ENOSYS when a SHA-256 challenge is offered at all, even next to an
      // MD5 one (tried both orders). The HA1 for SHA-256 is stored, ready for a per-phone switch.
      algorithms: ['MD5'],
      lookup: async (username) => {
        const [a] = await this.db.select({ ha1: agents.sipHa1, disabled: agents.disabled }).from(agents).where(eq(agents.extension, username)).limit(1);
        if (a === undefined || a.disabled || a.ha1 === null) return null;
        return { ha1: a.ha1 };
      },
    });
    const registrar = createRegistrar({ clock, location: this.location, auth, throttle: new AuthThrottle({ clock }), minExpires: 30 });
    const handle = registerHandler(registrar);
    this.onRegister = (req, reply, from) => {
      const user = toOf(req).uri;
      const ext = 'user' in user && user.user !== undefined ? user.user : undefined;
      const before = ext === undefined ? false : this.isRegistered(ext);
      handle(req, (status, opts) => {
        reply(status, opts);
        if (status !== 200 || ext === undefined) return;
        const now = this.isRegistered(ext);
        if (now !== before) this.onPresence(ext, now);
      }, from);
    };
  }

  /** Live registrations of an extension, best first (any host part: phones register with the address they dialled). */
  contacts(extension: string): Binding[] {
    return this.location.lookupUser(extension);
  }

  isRegistered(extension: string): boolean {
    return this.contacts(extension).length > 0;
  }
}
