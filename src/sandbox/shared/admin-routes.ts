import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, NetworkFaults, ScheduledFault } from './faults.js';
import { readBody, sendJson } from '../../lib/http-server.js';

/** Answers one control route; its return value is sent as JSON. `body` parses the request body. */
export type AdminHandler = (body: <T>() => Promise<T>) => unknown;

/** The network part of POST /__sandbox/faults, the same for every emulator. */
export interface NetworkFaultRequest {
  network?: Partial<NetworkFaults>;
  schedule?: ScheduledFault & { count?: number };
}

export function applyNetworkFaultRequest(faults: FaultInjector, request: NetworkFaultRequest): void {
  if (request.network) faults.configure(request.network);
  if (request.schedule) faults.schedule(request.schedule, request.schedule.count ?? 1);
}

/**
 * Serves an emulator's control routes under /__sandbox/, outside the emulated API: `routes` maps
 * "METHOD /__sandbox/name" to its handler. Unknown routes answer 404; a handler that throws
 * (a bad body, a refused change) answers 400 with its message.
 */
export async function serveAdminRoutes(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  routes: Record<string, AdminHandler>,
): Promise<void> {
  const route = `${req.method ?? ''} ${path}`;
  const handler = routes[route];
  if (!handler) return sendJson(res, 404, { error: `no sandbox route ${route}` });
  const body = async <T>() => JSON.parse((await readBody(req, 64 * 1024)).toString('utf8') || '{}') as T;
  try {
    return sendJson(res, 200, await handler(body));
  } catch (error) {
    return sendJson(res, 400, { error: (error as Error).message });
  }
}
