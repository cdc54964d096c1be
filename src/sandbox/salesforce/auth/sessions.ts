import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A user of the emulated org. */
export interface SandboxUser {
  id: string;
  username: string;
  password: string;
  name: string;
}

/** A connected app: its consumer key and secret, and the user client-credentials tokens act as. */
export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  /** The "Run As" user of the client credentials flow; without one the flow is refused. */
  runAs: string | null;
}

interface Session {
  user: SandboxUser;
  clientId: string | null;
  expiresAt: number;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares secrets in constant time (fixed-size digests), so timing reveals nothing. */
export const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * Access tokens (OAuth and SOAP session ids alike) and refresh tokens. An access token expires
 * `tokenTtlMs` after it was issued, when the org's sessions are expired by hand, or when revoked;
 * a refresh token lasts until revoked.
 */
export class SessionManager {
  readonly orgId: string;
  readonly users: readonly SandboxUser[];
  readonly apps: readonly ConnectedApp[];
  #tokenTtlMs: number;
  #now: () => number;
  #sessions = new Map<string, Session>();
  #refreshTokens = new Map<string, { user: SandboxUser; clientId: string }>();

  constructor(options: {
    orgId: string;
    users: SandboxUser[];
    apps: ConnectedApp[];
    tokenTtlMs: number;
    now: () => number;
  }) {
    if (options.users.length === 0) throw new RangeError('the Salesforce sandbox needs at least one user');
    if (!(options.tokenTtlMs > 0)) throw new RangeError(`tokenTtlMs must be > 0, got ${options.tokenTtlMs}`);
    for (const app of options.apps) {
      if (app.runAs !== null && !options.users.some((u) => u.username === app.runAs)) {
        throw new RangeError(`connected app ${app.clientId} runs as unknown user ${app.runAs}`);
      }
    }
    this.orgId = options.orgId;
    this.users = options.users;
    this.apps = options.apps;
    this.#tokenTtlMs = options.tokenTtlMs;
    this.#now = options.now;
  }

  app(clientId: string): ConnectedApp | undefined {
    return this.apps.find((a) => a.clientId === clientId);
  }

  user(username: string): SandboxUser | undefined {
    return this.users.find((u) => u.username.toLowerCase() === username.toLowerCase());
  }

  /** The user when the password is right; usernames are case-insensitive, passwords are not. */
  login(username: string, password: string): SandboxUser | null {
    const user = this.user(username);
    const matches = sameSecret(password, user?.password ?? `\0${password}`);
    return user && matches ? user : null;
  }

  /** A new access token: the org id, '!', then random characters, like Salesforce's. */
  issueAccessToken(user: SandboxUser, clientId: string | null): { token: string; issuedAt: number } {
    const issuedAt = this.#now();
    if (this.#sessions.size >= 10_000) {
      for (const [t, s] of this.#sessions) if (s.expiresAt <= issuedAt) this.#sessions.delete(t);
    }
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(60).toString('base64url')}`;
    this.#sessions.set(token, { user, clientId, expiresAt: issuedAt + this.#tokenTtlMs });
    return { token, issuedAt };
  }

  /** What the web-server flow leaves a client with after the user approved it. */
  issueRefreshToken(username: string, clientId: string): string {
    const user = this.user(username);
    if (!user || !this.app(clientId)) throw new RangeError(`unknown user ${username} or connected app ${clientId}`);
    const token = `5Aep${randomBytes(48).toString('base64url')}`;
    this.#refreshTokens.set(token, { user, clientId });
    return token;
  }

  redeemRefreshToken(token: string, clientId: string): SandboxUser | null {
    const grant = this.#refreshTokens.get(token);
    return grant && grant.clientId === clientId ? grant.user : null;
  }

  /** The user behind a live access token, or null when it is unknown or expired. */
  check(token: string): SandboxUser | null {
    const session = this.#sessions.get(token);
    if (!session) return null;
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(token);
      return null;
    }
    return session.user;
  }

  /** Revokes an access or a refresh token; false when it was neither. */
  revoke(token: string): boolean {
    return this.#sessions.delete(token) || this.#refreshTokens.delete(token);
  }

  /** Ends every session at once, as an admin's "expire all sessions"; refresh tokens survive. */
  expireAll(): void {
    this.#sessions.clear();
  }

  /** OAuth's signature: HMAC-SHA256 of identity URL and issued_at, keyed by the client secret. */
  static signature(idUrl: string, issuedAt: number, clientSecret: string): string {
    return createHmac('sha256', clientSecret).update(`${idUrl}${issuedAt}`).digest('base64');
  }
}
