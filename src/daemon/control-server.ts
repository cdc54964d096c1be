import type { CheckResult } from '../check/check-result.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import {
  BodyTooLargeError,
  readBody,
  send,
  sendJson,
  startHttpServer,
  type RunningServer,
} from '../lib/http-server.js';
import type { Plan } from '../core/plan-types.js';
import type { StateStore } from '../state/state-store.js';
import type { SubscriptionHealth } from './change-subscription.js';
import type { Metrics } from './metrics.js';
import { pageRoutes } from './status-page/page-routes.js';
import type { RunCoordinator } from './run-coordinator.js';

export interface ControlDeps {
  host: string;
  port: number;
  /** null: the endpoints that act (POST /sync) or cost API calls (GET /plan) are disabled. */
  token: string | null;
  store: StateStore;
  metrics: Metrics;
  coordinator: RunCoordinator;
  readiness: () => Record<string, { ok: boolean; detail?: string }>;
  /** How the change events are doing; null when they are turned off. */
  changeEvents: () => SubscriptionHealth | null;
  /** What the checks found at start (`catalog-sync check`), shown in /readyz. */
  startChecks: () => readonly CheckResult[];
  /** What a full sync would do now (a dry run: reads both systems, writes nothing). */
  plan: () => Promise<Plan>;
  schedules: () => Record<string, string | null>;
  /** Salesforce's instance URL once connected, for the status page's record links. */
  instanceUrl: () => string | null;
  /** The mapping's default language: the name the status page shows for a product. */
  defaultLanguage: string;
  log: Logger;
}

const MAX_BODY = 4 * 1024;
const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares the bearer token in constant time, whatever its length. */
function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

const flag = (value: unknown) => value === true || value === 'true' || value === '1';

async function syncRequest(req: IncomingMessage, url: URL) {
  const raw = (await readBody(req, MAX_BODY)).toString('utf8').trim();
  let body: Record<string, unknown> = {};
  if (raw) {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new SyntaxError('the body must be a JSON object');
    body = parsed as Record<string, unknown>;
    const unknown = Object.keys(body).filter((k) => !['full', 'wait', 'allowMassDelete'].includes(k));
    if (unknown.length > 0) throw new SyntaxError(`unknown field(s): ${unknown.join(', ')}`);
  }
  const pick = (name: string) => flag(body[name] ?? url.searchParams.get(name));
  return { full: pick('full'), wait: pick('wait'), allowMassDelete: pick('allowMassDelete') };
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** 403 when the token is not configured, 401 without the right one; true when it may go on. */
function guard(token: string | null, req: IncomingMessage, res: ServerResponse): boolean {
  if (token === null) {
    sendJson(res, 403, { error: 'disabled: set CONTROL_TOKEN to enable this endpoint' });
    return false;
  }
  if (!authorized(req, token)) {
    sendJson(res, 401, { error: 'a valid bearer token is required' }, { 'WWW-Authenticate': 'Bearer' });
    return false;
  }
  return true;
}

function statusRoute({ store, coordinator, schedules, changeEvents }: ControlDeps): Route {
  return (_req, res) => {
    const runs = store.runs.recent(10);
    const last = runs.find((r) => r.outcome !== 'running');
    sendJson(res, 200, {
      current: coordinator.current,
      schedules: schedules(),
      changeEvents: changeEvents(),
      runs: runs.map((r) => ({ ...r, summary: summarize(r.summary) })),
      lastRunErrors: last ? store.runs.errors(last.id).slice(0, 100) : [],
    });
  };
}

function syncRoute({ token, coordinator, log }: ControlDeps): Route {
  return async (req, res, url) => {
    if (!guard(token, req, res)) return;
    let options;
    try {
      options = await syncRequest(req, url);
    } catch (error) {
      const status = error instanceof BodyTooLargeError ? 413 : 400;
      return sendJson(res, status, { error: (error as Error).message });
    }
    const result = await coordinator.trigger(options.full ? 'full' : 'incremental', 'http', options);
    if (!result.accepted) return sendJson(res, 409, { error: result.reason, runningRunId: result.runningRunId });
    log.info({ runId: result.runId, kind: result.kind }, 'run started over the control API');
    sendJson(res, 202, { runId: result.runId, kind: result.kind, status: `/status` });
  };
}

function routes(deps: ControlDeps): Record<string, Route> {
  return {
    'GET /healthz': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    'GET /readyz': (_req, res) => {
      const checks = deps.readiness();
      const ready = Object.values(checks).every((c) => c.ok);
      // Change events down is not unready: the poller syncs meanwhile; it is said here.
      sendJson(res, ready ? 200 : 503, {
        ready,
        checks,
        changeEvents: deps.changeEvents(),
        startChecks: deps.startChecks(),
      });
    },
    'GET /metrics': async (_req, res) =>
      send(res, 200, deps.metrics.registry.contentType, await deps.metrics.registry.metrics()),
    'GET /status': statusRoute(deps),
    'GET /plan': async (req, res) => {
      if (!guard(deps.token, req, res)) return;
      const plan = await deps.plan();
      sendJson(res, 200, { ...plan, entries: plan.entries.filter((e) => e.action !== 'noop' || e.note) });
    },
    'POST /sync': syncRoute(deps),
    ...pageRoutes({
      store: deps.store,
      current: () => deps.coordinator.current,
      apiUsage: () => deps.coordinator.apiUsage,
      schedules: deps.schedules,
      changeEvents: deps.changeEvents,
      instanceUrl: deps.instanceUrl,
      defaultLanguage: deps.defaultLanguage,
    }),
  };
}

/**
 * The daemon's HTTP control API. Open: /healthz, /readyz, /metrics, /status, and the status page
 * (/, /page.js, /page.css, /page.json). Behind the bearer
 * token: GET /plan (it reads both systems) and POST /sync. Unknown routes are 404; a request
 * that fails is answered 500 and logged.
 */
export function startControlServer(deps: ControlDeps): Promise<RunningServer> {
  const table = routes(deps);
  const paths = new Set(Object.keys(table).map((r) => r.split(' ')[1]));
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = table[`${req.method ?? ''} ${url.pathname}`];
    if (route) return route(req, res, url);
    const known = paths.has(url.pathname);
    sendJson(res, known ? 405 : 404, {
      error: known ? `${req.method} is not allowed on ${url.pathname}` : `no route ${url.pathname}`,
    });
  };
  const onError = (error: unknown, req: IncomingMessage) => {
    const path = req.url?.split('?')[0];
    deps.log.error({ err: error, method: req.method, path }, `${req.method} ${path} failed`);
  };
  return startHttpServer(handle, { host: deps.host, port: deps.port, onError });
}

/** A run's summary without its per-product lists, which /status does not need. */
function summarize(summary: unknown) {
  if (!summary || typeof summary !== 'object') return summary;
  const s = summary as Record<string, unknown> & { apply?: Record<string, unknown> | null };
  const apply = s.apply
    ? {
        succeeded: s.apply.succeeded,
        failed: (s.apply.failed as unknown[] | undefined)?.length ?? 0,
        unknown: (s.apply.unknown as unknown[] | undefined)?.length ?? 0,
        notSent: (s.apply.notSent as unknown[] | undefined)?.length ?? 0,
        stoppedBy: s.apply.stoppedBy ?? null,
        requests: s.apply.requests,
      }
    : null;
  return { ...s, apply };
}
