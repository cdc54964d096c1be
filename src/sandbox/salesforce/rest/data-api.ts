import type { IncomingMessage } from 'node:http';
import { readJsonBody } from '../../../lib/http-server.js';
import type { SessionManager, SandboxUser } from '../auth/sessions.js';
import { restErrorBody, SfError, SfErrorCode } from '../errors.js';
import { MAX_API_VERSION, MIN_API_VERSION, OLDEST_RETIRED_API_VERSION, routeRest, versionList } from './rest-router.js';
import type { RestAnswer, RestEnv, RestRequest } from './rest-types.js';

export interface DataApiAnswer extends RestAnswer {
  outcome: 'handled' | 'unauthorized' | 'rate-limited' | 'rejected';
}

const VERSIONED = /^\/services\/data\/v(\d{1,3}\.\d)(?:\/(.*))?$/;

const failure = (
  error: SfError,
  outcome: DataApiAnswer['outcome'],
  headers: Record<string, string> = {},
): DataApiAnswer => ({
  status: error.status,
  body: restErrorBody([error.detail]),
  headers,
  operations: [],
  outcome,
});

const notFoundAnswer = () =>
  failure(new SfError(404, SfErrorCode.NotFound, 'The requested resource does not exist'), 'rejected');

/**
 * Why a version is not served, before authentication: a retired one (7.0 to 30.0) answers 410
 * GONE, as the API End-of-Life Policy says; one the org does not know (below 7.0, or newer than
 * this release) answers 404 NOT_FOUND like any unknown resource.
 */
function versionRefusal(version: number): DataApiAnswer | null {
  if (version >= MIN_API_VERSION && version <= MAX_API_VERSION) return null;
  if (version >= OLDEST_RETIRED_API_VERSION && version < MIN_API_VERSION) {
    const body = [{ message: 'The requested resource has been retired or removed', errorCode: 'GONE' }];
    return { status: 410, body, headers: {}, operations: [], outcome: 'rejected' };
  }
  return notFoundAnswer();
}

/** The bearer token of `Authorization: Bearer ...` (jsforce and the REST docs) or `OAuth ...`. */
export function bearer(req: IncomingMessage): string | null {
  const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m ? (m[1] as string) : null;
}

function jsonReader(req: IncomingMessage, maxBodyBytes: number): () => Promise<unknown> {
  let parsed: Promise<unknown> | undefined;
  return () =>
    (parsed ??= readJsonBody(req, maxBodyBytes).then((read) => {
      if (read.ok) return read.value;
      throw new SfError(
        read.status,
        read.status === 413 ? SfErrorCode.RequestEntityTooLarge : SfErrorCode.JsonParserError,
        read.message,
      );
    }));
}

/**
 * /services/data and everything under it. A versioned call is authenticated (401
 * INVALID_SESSION_ID, which is what makes jsforce refresh its token), then counted against the
 * daily allocation (403 REQUEST_LIMIT_EXCEEDED once spent), then routed; every counted answer
 * carries `Sforce-Limit-Info: api-usage=used/max`.
 */
export async function handleDataApi(
  req: IncomingMessage,
  path: string,
  params: URLSearchParams,
  env: RestEnv,
  sessions: SessionManager,
  maxBodyBytes: number,
): Promise<DataApiAnswer> {
  const method = req.method ?? 'GET';
  if (path === '/services/data' || path === '/services/data/') {
    return { status: 200, body: versionList(), operations: [{ kind: 'versions', ok: true }], outcome: 'handled' };
  }
  const m = VERSIONED.exec(path);
  if (!m) return notFoundAnswer();
  const refused = versionRefusal(Number(m[1]));
  if (refused) return refused;
  const token = bearer(req);
  const user: SandboxUser | null = token ? sessions.check(token) : null;
  if (!user)
    return failure(new SfError(401, SfErrorCode.InvalidSessionId, 'Session expired or invalid'), 'unauthorized');
  if (!env.usage.consume()) {
    return failure(
      new SfError(403, SfErrorCode.RequestLimitExceeded, 'TotalRequests Limit exceeded.'),
      'rate-limited',
      { 'Sforce-Limit-Info': env.usage.header() },
    );
  }
  const request: RestRequest = {
    method: method === 'HEAD' ? 'GET' : method,
    segments: (m[2] ?? '')
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s)),
    version: m[1] as string,
    params,
    headers: req.headers,
    user,
    schema: env.org.schemaFor(user.username),
    json: jsonReader(req, maxBodyBytes),
  };
  const headers = () => ({ 'Sforce-Limit-Info': env.usage.header() });
  try {
    const answer = await routeRest(request, env);
    return { ...answer, headers: { ...answer.headers, ...headers() }, outcome: 'handled' };
  } catch (error) {
    if (error instanceof SfError) return failure(error, 'handled', headers());
    throw error;
  }
}
