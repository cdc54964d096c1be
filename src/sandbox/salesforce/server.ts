import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordId } from './record-id.js';
import { passFaults } from '../shared/fault-gate.js';
import { FaultInjector, type NetworkFaults } from '../shared/faults.js';
import { send, sendJson, startHttpServer, type RunningServer } from '../../lib/http-server.js';
import { RequestLog, requestRecorder, type RequestRecord } from '../shared/request-log.js';
import { handleAdmin } from './admin.js';
import { identity } from './auth/identity.js';
import { handleRevokeRequest, handleTokenRequest } from './auth/oauth-endpoint.js';
import { SessionManager, type ConnectedApp, type SandboxUser } from './auth/sessions.js';
import { handleSoapCall } from './auth/soap-login.js';
import { SandboxDatabase } from './database.js';
import { restErrorBody, SfErrorCode } from './errors.js';
import { ApiUsage } from './limits/api-usage.js';
import { SalesforceOrg } from './org.js';
import type { Permissions } from './permissions/permissions.js';
import { handleDataApi } from './rest/data-api.js';
import { DEFAULT_API_VERSION } from './rest/rest-router.js';
import type { CustomFieldSpec } from './schema/custom-schema.js';
import { OrgSchema } from './schema/org-schema.js';
import { seedOrg } from './seeds/index.js';
import type { PagerOptions } from './soql/query-pager.js';
import { ORG_INSTANCE } from './store/record-store.js';
import { startStreaming, type SandboxStreaming, type SandboxStreamingOptions } from './streaming/sandbox-streaming.js';
import { StreamingServer } from './streaming/streaming-server.js';

export interface SalesforceSandboxOptions {
  port?: number;
  host?: string;
  /** 'shieldware' (default), 'empty' or 'synthetic:N'. */
  seed?: string;
  /** Makes synthetic catalogs and random faults reproducible. */
  seedNumber?: number;
  users?: Array<{ username: string; password: string; name?: string }>;
  /** Connected apps; `runAs` names the user of the client credentials flow. */
  clients?: Array<{ clientId: string; clientSecret: string; runAs?: string | null }>;
  /** How long an access token works. Salesforce's default session timeout is two hours. */
  tokenTtlMs?: number;
  /** API calls allowed per rolling 24 hours. */
  dailyApiLimit?: number;
  dataStorageMb?: number;
  /** Org-specific custom fields, e.g. `{object: 'Product2', name: 'Region__c', type: 'text'}`. */
  customFields?: CustomFieldSpec[];
  faults?: Partial<NetworkFaults>;
  pager?: Partial<PagerOptions>;
  maxBodyBytes?: number;
  /** The clock, for tests that need fixed or moving timestamps. */
  now?: () => Date;
  /**
   * Play a generic login host (login.salesforce.com, test.salesforce.com) instead of the org's
   * My Domain: the client credentials grant is refused with invalid_grant, "request not
   * supported on this domain"; the password and refresh token grants and SOAP login still work.
   */
  genericLoginHost?: boolean;
  /** Change Data Capture and the Streaming API: selected objects, connect hold and reconnect timeouts. */
  streaming?: SandboxStreamingOptions;
}

export interface SalesforceSandbox {
  /** Where the REST API answers (what a token response calls instance_url). */
  readonly instanceUrl: string;
  /** Where OAuth and SOAP login answer; the same server. */
  readonly loginUrl: string;
  readonly port: number;
  readonly apiVersion: string;
  /** The first connected app and user: what `catalog-sync` is configured with. */
  readonly credentials: { clientId: string; clientSecret: string; username: string; password: string };
  readonly org: SalesforceOrg;
  /** Read and change records directly, as a user in the Salesforce UI would. */
  readonly db: SandboxDatabase;
  readonly sessions: SessionManager;
  readonly usage: ApiUsage;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  /**
   * Object permissions, field-level security and data translation per user (`org.permissions`),
   * read at every request: everything allowed by default. `sf.db` is never restricted.
   */
  readonly permissions: Permissions;
  /** Whether the login URL plays a generic login host (see the option); can change at run time. */
  genericLoginHost: boolean;
  /** Change events at /cometd/<version>, and their fault controls (gap, overflow, drop clients, expire). */
  readonly streaming: SandboxStreaming;
  close(): Promise<void>;
}

export const DEFAULT_SF_USERS = Object.freeze([
  Object.freeze({
    username: 'integration@shieldware.example',
    password: 'sandbox-secret',
    name: 'catalog-sync Integration',
  }),
  Object.freeze({ username: 'admin@shieldware.example', password: 'sandbox-admin', name: 'Shieldware Admin' }),
]);

export const DEFAULT_SF_CLIENT = Object.freeze({
  clientId: '3MVG9SandboxShieldwareCatalogSyncConsumerKey',
  clientSecret: 'sandbox-client-secret',
  runAs: 'integration@shieldware.example',
});

/** What a route answers: a JSON body (none for 204) or a text body such as SOAP XML. */
interface Routed {
  status: number;
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  operations: RequestRecord['operations'];
  outcome: RequestRecord['outcome'];
}

/**
 * Starts the Salesforce REST API emulator. A request passes, in order: injected network faults,
 * then OAuth / SOAP login / identity, or the data API (authentication, the daily API
 * allocation, then the resource). Control routes live under /__sandbox/.
 */
export async function startSalesforceSandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const seedNumber = options.seedNumber ?? 1;
  const clock = options.now ? () => (options.now as () => Date)().getTime() : Date.now;
  const users: SandboxUser[] = (options.users ?? DEFAULT_SF_USERS).map((u, i) => ({
    id: recordId('005', ORG_INSTANCE, i + 1),
    username: u.username,
    password: u.password,
    name: u.name ?? u.username,
  }));
  const org = new SalesforceOrg(OrgSchema.forOrg(options.customFields), clock, {
    usernames: users.map((u) => u.username),
    ...(options.pager ? { pager: options.pager } : {}),
  });
  const firstUser = users[0];
  if (!firstUser) throw new RangeError('the Salesforce sandbox needs at least one user');
  const apps: ConnectedApp[] = (options.clients ?? [DEFAULT_SF_CLIENT]).map((c) => ({
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    runAs: c.runAs === undefined ? firstUser.username : c.runAs,
  }));
  const sessions = new SessionManager({
    orgId: org.orgId,
    users,
    apps,
    tokenTtlMs: options.tokenTtlMs ?? 2 * 60 * 60_000,
    now: clock,
  });
  // Seeds and direct edits act as the last user (by default the admin), not as the integration.
  const editor = users[users.length - 1] as SandboxUser;
  seedOrg(org, options.seed ?? 'shieldware', seedNumber, editor.id);
  const streaming = startStreaming(org, sessions, clock, options.streaming);
  const usage = new ApiUsage(options.dailyApiLimit ?? 100_000, clock);
  const faults = new FaultInjector(options.faults, seedNumber);
  const log = new RequestLog();
  const db = new SandboxDatabase(org, editor.id, DEFAULT_API_VERSION);
  const env = { org, usage, dataStorageMb: options.dataStorageMb ?? 10_240 };
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const loginHost = { generic: options.genericLoginHost ?? false };
  let baseUrl = '';
  let injectedErrors = 0;
  /** The platform's answer to an internal failure, with an ErrorId as support would ask for. */
  const unknownException = () => {
    injectedErrors++;
    const errorId = `${1_000_000_000 + injectedErrors}-${Date.now() % 100_000} (-${1_000_000 + injectedErrors})`;
    return restErrorBody([
      {
        errorCode: SfErrorCode.UnknownException,
        message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
        fields: [],
      },
    ]);
  };

  async function route(req: IncomingMessage, path: string, url: URL): Promise<Routed> {
    if (path === '/services/oauth2/token' || path === '/services/oauth2/revoke') {
      const a = path.endsWith('token')
        ? await handleTokenRequest(req, sessions, baseUrl, loginHost)
        : await handleRevokeRequest(req, sessions);
      return {
        status: a.status,
        body: a.body,
        contentType: 'application/json;charset=UTF-8',
        operations: [a.operation],
        outcome: 'handled',
      };
    }
    const soap = /^\/services\/Soap\/u\/(\d+\.\d)(?:\/.*)?$/.exec(path);
    if (soap && req.method === 'POST') {
      const a = await handleSoapCall(req, sessions, baseUrl, soap[1] as string);
      return {
        status: a.status,
        text: a.xml,
        contentType: 'text/xml;charset=UTF-8',
        operations: [a.operation],
        outcome: 'handled',
      };
    }
    const id = /^\/id\/(\w{18})\/(\w{18})$/.exec(path);
    if (id && req.method === 'GET') {
      const token =
        url.searchParams.get('oauth_token') ?? /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
      const a = identity(sessions, token, id[1] as string, id[2] as string, baseUrl, DEFAULT_API_VERSION);
      // Refusals are plain text (Bad_OAuth_Token, Bad_Id), the identity itself JSON.
      const answer =
        typeof a.body === 'string' ? { text: a.body, contentType: 'text/plain;charset=UTF-8' } : { body: a.body };
      return {
        status: a.status,
        ...answer,
        operations: [{ kind: 'identity', ok: a.status === 200 }],
        outcome: 'handled',
      };
    }
    if (path === '/services/data' || path.startsWith('/services/data/')) {
      return handleDataApi(req, path, url.searchParams, env, sessions, maxBodyBytes);
    }
    return {
      status: 404,
      body: restErrorBody([
        { errorCode: SfErrorCode.NotFound, message: 'The requested resource does not exist', fields: [] },
      ]),
      operations: [],
      outcome: 'rejected',
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/__sandbox/')) {
      await handleAdmin(req, res, path, { org, db, faults, usage, sessions, log, streaming });
      return;
    }
    const record = requestRecorder(log, req, path);
    const passed = await passFaults(faults, req, res, () => sendJson(res, 500, unknownException()), record);
    if (!passed) return;
    if (StreamingServer.handles(path)) {
      const done = await streaming.server.handle(req, res, path);
      if (done === 'dropped') record(0, 'dropped');
      else record(done.status, 'handled', done.operations);
      return;
    }

    const a = await route(req, path, url);
    if (passed.dropAnswer) {
      // The work is done, the answer is lost: the client cannot know whether it succeeded.
      req.socket.destroy();
      record(0, 'dropped', a.operations);
      return;
    }
    const headers = a.headers ?? {};
    if (a.text !== undefined) send(res, a.status, a.contentType ?? 'text/plain', a.text, headers);
    else if (a.body === undefined) {
      res.writeHead(a.status, headers);
      res.end();
    } else sendJson(res, a.status, a.body, headers, a.contentType);
    record(a.status, a.outcome, a.operations);
  }

  let server: RunningServer;
  try {
    server = await startHttpServer(handle, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    throw new Error(`Salesforce sandbox could not listen on port ${options.port ?? 0}: ${(error as Error).message}`);
  }
  baseUrl = server.url;
  const firstApp = apps[0];
  return {
    instanceUrl: server.url,
    loginUrl: server.url,
    port: server.port,
    apiVersion: DEFAULT_API_VERSION,
    credentials: {
      clientId: firstApp?.clientId ?? '',
      clientSecret: firstApp?.clientSecret ?? '',
      username: firstUser.username,
      password: firstUser.password,
    },
    org,
    db,
    sessions,
    usage,
    faults,
    log,
    permissions: org.permissions,
    get genericLoginHost() {
      return loginHost.generic;
    },
    set genericLoginHost(generic: boolean) {
      loginHost.generic = generic;
    },
    streaming,
    close: () => {
      streaming.dropClients();
      return server.close();
    },
  };
}
