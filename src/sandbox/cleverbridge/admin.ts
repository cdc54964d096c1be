import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, NetworkFaults, ScheduledFault } from '../shared/faults.js';
import { readBody, sendJson } from '../shared/http.js';
import type { RequestLog } from '../shared/request-log.js';
import type { Authenticator } from './auth.js';
import type { MutationFaultRule, MutationFaults } from './mutation-faults.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ProductStore } from './store.js';

export interface AdminParts {
  store: ProductStore;
  faults: FaultInjector;
  mutationFaults: MutationFaults;
  rateLimiter: RateLimiter;
  auth: Authenticator;
  log: RequestLog;
}

/** What POST /__sandbox/faults takes; every part optional. */
export interface FaultRequest {
  network?: Partial<NetworkFaults>;
  schedule?: ScheduledFault & { count?: number };
  mutations?: MutationFaultRule[];
  mutationFailureRate?: number;
  /** Answer every client 429 for this long, as after a real rate-limit block. */
  blockMs?: number;
}

export function applyFaultRequest(parts: AdminParts, request: FaultRequest): void {
  if (request.network) parts.faults.configure(request.network);
  if (request.schedule) parts.faults.schedule(request.schedule, request.schedule.count ?? 1);
  for (const rule of request.mutations ?? []) parts.mutationFaults.add(rule);
  if (request.mutationFailureRate !== undefined) parts.mutationFaults.setRate(request.mutationFailureRate);
  if (request.blockMs !== undefined) parts.rateLimiter.forceBlock(request.blockMs);
}

/**
 * The sandbox's own control routes under /__sandbox/, outside the emulated API: no auth, no rate
 * limit, no faults. They let a demo or a test running in another process steer the emulator.
 *   GET  /__sandbox/stats     request and mutation counters, product count
 *   GET  /__sandbox/requests  the most recent requests
 *   POST /__sandbox/faults    body: FaultRequest
 *   POST /__sandbox/reset     healthy again: faults off, blocks lifted, users unlocked, counters zeroed
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, parts: AdminParts) {
  const route = `${req.method ?? ''} ${path}`;
  try {
    switch (route) {
      case 'GET /__sandbox/stats':
        return sendJson(res, 200, { products: parts.store.size, ...parts.log.stats() });
      case 'GET /__sandbox/requests':
        return sendJson(res, 200, parts.log.entries());
      case 'POST /__sandbox/faults': {
        const body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8') || '{}') as FaultRequest;
        applyFaultRequest(parts, body);
        return sendJson(res, 200, { network: parts.faults.current, scheduled: parts.faults.pending });
      }
      case 'POST /__sandbox/reset':
        parts.faults.reset();
        parts.mutationFaults.clear();
        parts.rateLimiter.reset();
        parts.auth.unlock();
        parts.log.reset();
        return sendJson(res, 200, { reset: true });
      default:
        return sendJson(res, 404, { error: `no sandbox route ${route}` });
    }
  } catch (error) {
    return sendJson(res, 400, { error: (error as Error).message });
  }
}
