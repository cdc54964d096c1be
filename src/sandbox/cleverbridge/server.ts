import type { IncomingMessage, ServerResponse } from 'node:http';
import { passFaults } from '../shared/fault-gate.js';
import { FaultInjector, type NetworkFaults } from '../shared/faults.js';
import { clientAddress, send, sendJson, startHttpServer, type RunningServer } from '../../lib/http-server.js';
import { RequestLog, requestRecorder } from '../shared/request-log.js';
import { handleAdmin } from './admin.js';
import { Authenticator, type ApiUser } from './auth.js';
import { CbErrorCode } from './errors.js';
import { handleGraphQL } from './graphql-endpoint.js';
import { AnswerFaults, sendCut, sendDrip } from './answer-faults.js';
import { MutationFaults } from './mutation-faults.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { resolveSeed, type SeedSpec } from './seeds/index.js';
import { ProductStore } from './store.js';

export interface CleverbridgeSandboxOptions {
  port?: number;
  host?: string;
  /** 'shieldware' (default), 'empty', 'synthetic:N', or a ready catalog state. */
  seed?: SeedSpec;
  /** Makes synthetic catalogs and random faults reproducible. */
  seedNumber?: number;
  /** Keep the catalog in this JSON file across restarts (loaded when it exists). */
  stateFile?: string;
  /**
   * false: a create may take an internalId another product of the client has (the guide does not
   * say it is unique). Default true. Switchable later as `store.uniqueInternalIds`.
   */
  uniqueInternalIds?: boolean;
  users?: ApiUser[];
  maxFailedLogins?: number;
  lockoutMs?: number | null;
  rateLimit?: Partial<RateLimitOptions>;
  faults?: Partial<NetworkFaults>;
  maxBodyBytes?: number;
  /** The clock, for tests that need fixed timestamps. */
  now?: () => Date;
}

export interface CleverbridgeSandbox {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  readonly graphqlUrl: string;
  readonly baseUrl: string;
  readonly port: number;
  readonly users: readonly ApiUser[];
  readonly store: ProductStore;
  readonly faults: FaultInjector;
  readonly mutationFaults: MutationFaults;
  /** Hostile answers to the next GraphQL requests. */
  readonly answerFaults: AnswerFaults;
  readonly rateLimiter: RateLimiter;
  readonly auth: Authenticator;
  readonly log: RequestLog;
  close(): Promise<void>;
}

export const DEFAULT_USER: Readonly<ApiUser> = Object.freeze({
  username: 'shieldware-api',
  password: 'sandbox-secret',
  clientIds: [864],
});

const TOO_MANY_REQUESTS_HTML =
  '<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1>' +
  '<p>The rate limit of the Cleverbridge API was exceeded.</p></body></html>';

const authError = (code: string, message: string) => ({ errors: [{ message, code, extensions: { code } }] });

/**
 * Starts the cleverbridge GraphQL emulator. Each API request passes, in order: the per-IP rate
 * limit (every request counts, as on the platform), injected network faults, Basic
 * authentication with lock-out, then GraphQL execution.
 */
export async function startCleverbridgeSandbox(options: CleverbridgeSandboxOptions = {}): Promise<CleverbridgeSandbox> {
  const seedNumber = options.seedNumber ?? 1;
  const store = ProductStore.open(options.stateFile, () => resolveSeed(options.seed ?? 'shieldware', seedNumber));
  store.uniqueInternalIds = options.uniqueInternalIds ?? true;
  const users = options.users ?? [{ ...DEFAULT_USER }];
  const auth = new Authenticator({
    users,
    maxFailedLogins: options.maxFailedLogins ?? 3,
    lockoutMs: options.lockoutMs ?? null,
  });
  const rateLimiter = new RateLimiter(options.rateLimit);
  const faults = new FaultInjector(options.faults, seedNumber);
  const mutationFaults = new MutationFaults(seedNumber);
  const answerFaults = new AnswerFaults();
  const log = new RequestLog();
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const now = options.now ?? (() => new Date());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/__sandbox/')) {
      await handleAdmin(req, res, path, { store, faults, mutationFaults, rateLimiter, auth, log });
      return;
    }
    const record = requestRecorder(log, req, path);
    const rate = rateLimiter.check(clientAddress(req));
    if (!rate.allowed) {
      send(res, 429, 'text/html', TOO_MANY_REQUESTS_HTML, { 'Retry-After': String(rate.retryAfterSeconds) });
      record(429, 'rate-limited');
      return;
    }
    const passed = await passFaults(
      faults,
      req,
      res,
      () => sendJson(res, 500, authError(CbErrorCode.InternalServerError, 'An unexpected error occurred.')),
      record,
    );
    if (!passed) return;
    if (path !== '/graphql') {
      sendJson(res, 404, { errors: [{ message: `No endpoint at ${path}; use /graphql.` }] });
      record(404, 'rejected');
      return;
    }

    const login = auth.authenticate(req.headers.authorization);
    if (!login.ok) {
      const locked = login.reason === 'locked';
      const body = locked
        ? authError(
            CbErrorCode.UserLocked,
            'The user is locked after repeated failed logins. Contact support to unlock it.',
          )
        : authError(CbErrorCode.Unauthenticated, 'Unauthenticated user.');
      sendJson(res, 401, body, { 'WWW-Authenticate': 'Basic realm="Cleverbridge GraphQL API", charset="UTF-8"' });
      record(401, 'unauthorized');
      return;
    }

    const hostile = answerFaults.next();
    if (hostile?.kind === 'replace') {
      send(res, hostile.status, hostile.contentType, hostile.body, hostile.headers ?? {});
      record(hostile.status, 'fault');
      return;
    }
    const answer = await handleGraphQL(
      req,
      { store, user: login.user, faults: mutationFaults, now: now().toISOString() },
      maxBodyBytes,
    );
    if (hostile?.kind === 'rewrite') answer.body = hostile.rewrite(structuredClone(answer.body));
    if (passed.dropAnswer) {
      // The work is done, the answer is lost: the client cannot know whether it succeeded.
      req.socket.destroy();
      record(0, 'dropped', answer.operations);
      return;
    }
    if (hostile?.kind === 'cut') {
      sendCut(res, answer.status, answer.body, hostile.share);
      record(answer.status, 'fault', answer.operations);
      return;
    }
    if (hostile?.kind === 'drip') {
      await sendDrip(res, answer.status, answer.body, hostile);
      record(answer.status, 'fault', answer.operations);
      return;
    }
    sendJson(res, answer.status, answer.body, answer.headers ?? {}, answer.contentType);
    record(answer.status, 'handled', answer.operations);
  }

  let server: RunningServer;
  try {
    server = await startHttpServer(handle, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    throw new Error(`cleverbridge sandbox could not listen on port ${options.port ?? 0}: ${(error as Error).message}`);
  }
  return {
    graphqlUrl: `${server.url}/graphql`,
    baseUrl: server.url,
    port: server.port,
    users,
    store,
    faults,
    mutationFaults,
    answerFaults,
    rateLimiter,
    auth,
    log,
    async close() {
      await server.close();
      store.flushSync();
    },
  };
}
