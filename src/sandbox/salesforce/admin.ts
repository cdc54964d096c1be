import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyNetworkFaultRequest, serveAdminRoutes, type NetworkFaultRequest } from '../shared/admin-routes.js';
import type { FaultInjector } from '../shared/faults.js';
import type { RequestLog } from '../shared/request-log.js';
import type { SessionManager } from './auth/sessions.js';
import type { SandboxDatabase } from './database.js';
import type { ApiUsage } from './limits/api-usage.js';
import type { SalesforceOrg } from './org.js';
import type { PermissionRequest } from './permissions/permissions.js';
import { streamingAdminRoutes, type SandboxStreaming } from './streaming/sandbox-streaming.js';

export interface AdminParts {
  org: SalesforceOrg;
  db: SandboxDatabase;
  faults: FaultInjector;
  usage: ApiUsage;
  sessions: SessionManager;
  log: RequestLog;
  streaming: SandboxStreaming;
}

/** What POST /__sandbox/faults takes; every part optional. */
export interface FaultRequest extends NetworkFaultRequest {
  /** Answer the next N API calls REQUEST_LIMIT_EXCEEDED, or every call until reset. */
  requestLimitExceeded?: number | 'until-reset';
}

export function applyFaultRequest(parts: Pick<AdminParts, 'faults' | 'usage'>, request: FaultRequest): void {
  applyNetworkFaultRequest(parts.faults, request);
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
 *   POST /__sandbox/empty-recycle-bin  body {ids?}: deletes them (or the whole bin) for good
 *   POST /__sandbox/permissions      body: PermissionRequest; answers the restrictions in force
 *   POST /__sandbox/touch            body {type, ids?}: moves SystemModstamp only; answers {touched}
 *   POST /__sandbox/reset            faults off, API usage and counters zeroed (records stay)
 *   POST /__sandbox/streaming/gap    body {entity, recordIds, changeType?}: a gap event; answers {replayId}
 *   POST /__sandbox/streaming/overflow  body {entity}: an overflow event; answers {replayId}
 *   POST /__sandbox/streaming/drop-clients   forgets every streaming client; answers {dropped}
 *   POST /__sandbox/streaming/expire-events  body {olderThanMs?}: purges events; answers {expired}
 *   GET  /__sandbox/streaming/events the retained change events
 */
export function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, parts: AdminParts): Promise<void> {
  return serveAdminRoutes(req, res, path, {
    ...streamingAdminRoutes(parts.streaming),
    'GET /__sandbox/stats': () => ({
      records: Object.fromEntries(parts.org.schema.objects().map((o) => [o.name, parts.org.store.count(o)])),
      apiUsage: { used: parts.usage.used(), limit: parts.usage.limit, forced: parts.usage.forcedRemaining },
      openCursors: parts.org.pager.openCursors,
      ...parts.log.stats(),
    }),
    'GET /__sandbox/requests': () => parts.log.entries(),
    'POST /__sandbox/faults': async (body) => {
      applyFaultRequest(parts, await body<FaultRequest>());
      return {
        network: parts.faults.current,
        scheduled: parts.faults.pending,
        requestLimitExceeded: parts.usage.forcedRemaining,
      };
    },
    'POST /__sandbox/expire-sessions': () => {
      parts.sessions.expireAll();
      return { expired: true };
    },
    'POST /__sandbox/undelete': async (body) => {
      const { type, id } = await body<{ type: string; id: string }>();
      parts.db.undelete(type, id);
      return { undeleted: id };
    },
    'POST /__sandbox/empty-recycle-bin': async (body) => {
      const { ids } = await body<{ ids?: string[] }>();
      return { results: parts.db.emptyRecycleBin(ids) };
    },
    'POST /__sandbox/permissions': async (body) => {
      parts.org.permissions.apply(await body<PermissionRequest>());
      return parts.org.permissions.snapshot();
    },
    'POST /__sandbox/touch': async (body) => {
      const { type, ids } = await body<{ type: string; ids?: string[] }>();
      return { touched: parts.db.touch(type, ids) };
    },
    'POST /__sandbox/reset': () => {
      parts.faults.reset();
      parts.usage.reset();
      parts.log.reset();
      return { reset: true };
    },
  });
}
