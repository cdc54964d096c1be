import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxUser } from '../auth/sessions.js';
import { SfError, SfErrorCode } from '../errors.js';
import type { ApiUsage } from '../limits/api-usage.js';
import type { DmlContext } from '../dml/dml-engine.js';
import type { SalesforceOrg } from '../org.js';
import type { SchemaView } from '../schema/schema-view.js';

/** An authenticated call under /services/data/vXX.X/. */
export interface RestRequest {
  method: string;
  /** Path segments after the version, decoded: `['sobjects', 'Product2', 'describe']`. */
  segments: string[];
  /** API version without the `v`: `62.0`. */
  version: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
  user: SandboxUser;
  /** The schema as `user` sees it at this request (permissions read when the request arrived). */
  schema: SchemaView;
  /** The JSON body; malformed JSON fails the request with JSON_PARSER_ERROR. */
  json(): Promise<unknown>;
}

export interface RestAnswer {
  status: number;
  /** Sent as JSON; undefined sends no body (204). */
  body?: unknown;
  headers?: Record<string, string>;
  /** What the request did, for the request log (one entry per record of a collection). */
  operations: Array<{ kind: string; ok: boolean }>;
}

export interface RestEnv {
  org: SalesforceOrg;
  usage: ApiUsage;
  /** Data storage the org has, for /limits (each record counts 2 KB, as Salesforce counts most). */
  dataStorageMb: number;
}

/**
 * Change Data Capture's changeOrigin for a REST call: `com/salesforce/api/rest/<version>`, then
 * `;client=<id>` when the client named itself in `Sforce-Call-Options: client=<id>`.
 */
export function restOrigin(req: Pick<RestRequest, 'version' | 'headers'>): string {
  const options = req.headers['sforce-call-options'];
  const client = /(?:^|,)\s*client=([^,]+)/.exec(Array.isArray(options) ? options.join(',') : (options ?? ''))?.[1];
  return `com/salesforce/api/rest/${req.version}${client ? `;client=${client.trim()}` : ''}`;
}

/** A save by the requesting user, as that user sees the org, made through the REST API. */
export const dmlContext = (req: RestRequest, env: RestEnv): DmlContext =>
  env.org.context(req.user.id, req.schema, restOrigin(req));

export const methodNotAllowed = (method: string, allowed: string[]) =>
  new SfError(
    405,
    SfErrorCode.MethodNotAllowed,
    `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`,
  );

/** Resources that appeared in a later API version answer 404 to older versions, as on the platform. */
export function requireVersion(req: RestRequest, minimum: number): void {
  if (Number(req.version) < minimum)
    throw new SfError(404, SfErrorCode.NotFound, 'The requested resource does not exist');
}

export const answer = (status: number, body: unknown, kind: string, ok = status < 400): RestAnswer => ({
  status,
  body,
  operations: [{ kind, ok }],
});

/** A JSON object body, or the deserializer's complaint. */
export function asObject(body: unknown, what = 'the request body'): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SfError(
      400,
      SfErrorCode.JsonParserError,
      `Cannot deserialize instance of object from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE'} in ${what}`,
    );
  }
  return body as Record<string, unknown>;
}
