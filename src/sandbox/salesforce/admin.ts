import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, NetworkFaults, ScheduledFault } from '../shared/faults.js';
import { readBody, sendJson } from '../shared/http.js';
import type { RequestLog } from '../shared/request-log.js';
import type { SessionManager } from './auth/sessions.js';
import type { SandboxDatabase } from './database.js';
import type { ApiUsage } from './limits/api-usage.js';
import type { SalesforceOrg } from './org.js';

export interface AdminParts {
  org: SalesforceOrg;
  db: SandboxDatabase;
  faults: FaultInjector;
  usage: ApiUsage;
  sessions: SessionManager;
  log: RequestLog;
}

/** What POST /__sandbox/faults takes; every part optional. */
export interface FaultRequest {
  network?: Partial<NetworkFaults>;
  schedule?: ScheduledFault & { count?: number };
  /** Answer the next N API calls REQUEST_LIMIT_EXCEEDED, or every call until reset. */
  requestLimitExceeded?: number | 'until-reset';
}

export function applyFaultRequest(parts: Pick<AdminParts, 'faults' | 'usage'>, request: FaultRequest): void {
  if (request.network) parts.faults.configure(request.network);
  if (request.schedule) parts.faults.schedule(request.schedule, request.schedule.count ?? 1);
  if (request.requestLimitExceeded !== undefined) {
    parts.usage.forceExceeded(request.requestLimitExceeded === 'until-reset' ? Infinity : request.requestLimitExceeded);
  }
}

/**
 * The sandbox's own control routes under /__sandbox/, outside the emulated API: no auth, no API
 * usage, no faults.
 *   GET  /__sandbox/stats            records per object, API usage, request counters
 *   GET  /__sandbox/requests         the most recent requests
 *   POST /__sandbox/faults           body: FaultRequest
 *   POST /__sandbox/expire-sessions  every access token stops working (refresh tokens survive)
 *   POST /__sandbox/undelete         body {type, id}: restores a record from the recycle bin
 *   POST /__sandbox/reset            faults off, API usage and counters zeroed (records stay)
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, parts: AdminParts): Promise<void> {
  const route = `${req.method ?? ''} ${path}`;
  const body = async <T>() => JSON.parse((await readBody(req, 64 * 1024)).toString('utf8') || '{}') as T;
  try {
    switch (route) {
      case 'GET /__sandbox/stats': {
        const records = Object.fromEntries(parts.org.schema.objects().map((o) => [o.name, parts.org.store.count(o)]));
        const apiUsage = { used: parts.usage.used(), limit: parts.usage.limit, forced: parts.usage.forcedRemaining };
        return sendJson(res, 200, { records, apiUsage, openCursors: parts.org.pager.openCursors, ...parts.log.stats() });
      }
      case 'GET /__sandbox/requests':
        return sendJson(res, 200, parts.log.entries());
      case 'POST /__sandbox/faults':
        applyFaultRequest(parts, await body<FaultRequest>());
        return sendJson(res, 200, { network: parts.faults.current, scheduled: parts.faults.pending, requestLimitExceeded: parts.usage.forcedRemaining });
      case 'POST /__sandbox/expire-sessions':
        parts.sessions.expireAll();
        return sendJson(res, 200, { expired: true });
      case 'POST /__sandbox/undelete': {
        const { type, id } = await body<{ type: string; id: string }>();
        parts.db.undelete(type, id);
        return sendJson(res, 200, { undeleted: id });
      }
      case 'POST /__sandbox/reset':
        parts.faults.reset();
        parts.usage.reset();
        parts.log.reset();
        return sendJson(res, 200, { reset: true });
      default:
        return sendJson(res, 404, { error: `no sandbox route ${route}` });
    }
  } catch (error) {
    return sendJson(res, 400, { error: (error as Error).message });
  }
}
