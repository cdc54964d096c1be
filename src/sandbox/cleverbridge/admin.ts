import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyNetworkFaultRequest, serveAdminRoutes, type NetworkFaultRequest } from '../shared/admin-routes.js';
import type { FaultInjector } from '../shared/faults.js';
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
export interface FaultRequest extends NetworkFaultRequest {
  mutations?: MutationFaultRule[];
  mutationFailureRate?: number;
  /** Answer every client 429 for this long, as after a real rate-limit block. */
  blockMs?: number;
}

export function applyFaultRequest(parts: AdminParts, request: FaultRequest): void {
  applyNetworkFaultRequest(parts.faults, request);
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
export function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, parts: AdminParts): Promise<void> {
  return serveAdminRoutes(req, res, path, {
    'GET /__sandbox/stats': () => ({ products: parts.store.size, ...parts.log.stats() }),
    'GET /__sandbox/requests': () => parts.log.entries(),
    'POST /__sandbox/faults': async (body) => {
      applyFaultRequest(parts, await body<FaultRequest>());
      return { network: parts.faults.current, scheduled: parts.faults.pending };
    },
    'POST /__sandbox/reset': () => {
      parts.faults.reset();
      parts.mutationFaults.clear();
      parts.rateLimiter.reset();
      parts.auth.unlock();
      parts.log.reset();
      return { reset: true };
    },
  });
}
