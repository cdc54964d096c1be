import { createHash, timingSafeEqual } from 'node:crypto';

/** A technical API user and the client accounts whose data it may read and change. */
export interface ApiUser {
  username: string;
  password: string;
  clientIds: number[];
}

export interface AuthOptions {
  users: ApiUser[];
  /** cleverbridge locks a technical user out after three failed logins. */
  maxFailedLogins: number;
  /** How long a lock-out lasts; null means until unlock() (on the platform, until support acts). */
  lockoutMs: number | null;
}

export type AuthResult =
  | { ok: true; user: ApiUser }
  | { ok: false; reason: 'missing' | 'unsupported' | 'malformed' | 'invalid' | 'locked'; username?: string };

interface LoginRecord {
  failures: number;
  lockedUntil: number | null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** HTTP Basic authentication with the platform's lock-out after repeated failures. */
export class Authenticator {
  #options: AuthOptions;
  #logins = new Map<string, LoginRecord>();
  #now: () => number;

  constructor(options: AuthOptions, now: () => number = Date.now) {
    if (options.users.length === 0) throw new RangeError('auth.users must name at least one user');
    this.#options = options;
    this.#now = now;
  }

  authenticate(header: string | undefined): AuthResult {
    if (!header) return { ok: false, reason: 'missing' };
    const [scheme = '', encoded = ''] = header.trim().split(/\s+/, 2);
    if (scheme.toLowerCase() !== 'basic') return { ok: false, reason: 'unsupported' };
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'malformed' };
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (this.isLocked(username)) return { ok: false, reason: 'locked', username };

    const user = this.#options.users.find((u) => u.username === username);
    // Compare fixed-size digests so the time taken does not reveal the password's length or prefix.
    const matches = timingSafeEqual(digest(password), digest(user?.password ?? `\0${password}`));
    if (user && matches) {
      this.#logins.delete(username);
      return { ok: true, user };
    }
    const record = this.#logins.get(username) ?? { failures: 0, lockedUntil: null };
    record.failures++;
    if (record.failures >= this.#options.maxFailedLogins) {
      record.lockedUntil = this.#options.lockoutMs === null ? Infinity : this.#now() + this.#options.lockoutMs;
    }
    this.#logins.set(username, record);
    return { ok: false, reason: record.lockedUntil !== null ? 'locked' : 'invalid', username };
  }

  isLocked(username: string): boolean {
    const record = this.#logins.get(username);
    if (!record || record.lockedUntil === null) return false;
    if (record.lockedUntil > this.#now()) return true;
    this.#logins.delete(username);
    return false;
  }

  failures(username: string): number {
    return this.#logins.get(username)?.failures ?? 0;
  }

  /** What an administrator does on the platform: clears the lock-out of one user, or of all. */
  unlock(username?: string): void {
    if (username === undefined) this.#logins.clear();
    else this.#logins.delete(username);
  }
}
