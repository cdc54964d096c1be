import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendJson } from '../../../lib/http-server.js';
import type { SessionManager, SandboxUser } from '../auth/sessions.js';
import { bearer } from '../rest/data-api.js';
import { MAX_API_VERSION } from '../rest/rest-router.js';
import { BayeuxClients, DroppedConnection, type DeliveredMessage } from './bayeux-clients.js';
import {
  disconnect,
  failed,
  handshakeReply,
  missingCookie,
  RETRY_ADVICE,
  subscribe,
  unknownClient,
  unsubscribe,
  type BayeuxReply,
  type BayeuxRequest,
  type Handled,
} from './bayeux-messages.js';
import type { ChangeEventBus } from './event-bus.js';

export interface StreamingOptions {
  /** How long a /meta/connect is held without events; Salesforce's 110 seconds by default. */
  connectHoldMs?: number;
  /** How soon a client must connect again after an answer before it is forgotten; 40 seconds. */
  reconnectTimeoutMs?: number;
}

/** Streaming API is served from API version 37.0; the largest request body it takes is 32,768 bytes. */
const MIN_STREAMING_VERSION = 37;
const MAX_REQUEST_BYTES = 32_768;
const COMETD = /^\/cometd(?:\/(\d{1,3}\.\d))?\/?$/;
const uri = `'/cometd/${MAX_API_VERSION}.0'`;

export type StreamingOutcome = { status: number; operations: Array<{ kind: string; ok: boolean }> } | 'dropped';

/**
 * The Streaming API's CometD (Bayeux) endpoint, `/cometd/<version>`, long polling only: handshake,
 * connect, subscribe (with the replay extension), unsubscribe, disconnect, authenticated by the
 * REST API's access token. Change events of the org's bus reach each subscribed client's next connect.
 */
export class StreamingServer {
  readonly clients: BayeuxClients;
  #bus: ChangeEventBus;
  #sessions: SessionManager;
  #holdMs: number;

  constructor(bus: ChangeEventBus, sessions: SessionManager, options: StreamingOptions = {}) {
    this.#bus = bus;
    this.#sessions = sessions;
    this.#holdMs = options.connectHoldMs ?? RETRY_ADVICE.timeout;
    this.clients = new BayeuxClients(options.reconnectTimeoutMs ?? 40_000);
    bus.listen((event) => {
      for (const client of this.clients.all()) client.offer(event);
    });
  }

  static handles(path: string): boolean {
    return path === '/cometd' || path.startsWith('/cometd/');
  }

  /** Forgets every client (their next connect answers 403::Unknown client) and drops held connections. */
  dropClients(): number {
    return this.clients.dropAll();
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<StreamingOutcome> {
    const version = COMETD.exec(path)?.[1];
    const refused = versionRefusal(version);
    if (refused || req.method !== 'POST') {
      sendJson(res, 400, [{ successful: false, error: refused ?? `400::Only POST is supported. URI format: ${uri}` }]);
      return { status: 400, operations: [{ kind: 'cometd', ok: false }] };
    }
    const read = await readJsonBody(req, MAX_REQUEST_BYTES);
    if (!read.ok) {
      const error = read.status === 413 ? '413::Maximum Request Size Exceeded' : `400::${read.message}`;
      sendJson(res, read.status, [{ successful: false, error }]);
      return { status: read.status, operations: [{ kind: 'cometd', ok: false }] };
    }
    const messages = (Array.isArray(read.value) ? read.value : [read.value]) as BayeuxRequest[];
    const token = bearer(req);
    const user = token ? this.#sessions.check(token) : null;
    if (!user) {
      const reason = token ? '401::Authentication invalid' : '401::Request requires authentication';
      sendJson(
        res,
        401,
        messages.map((m) => authFailure(m, reason)),
      );
      return { status: 401, operations: messages.map(() => ({ kind: 'cometd:auth', ok: false })) };
    }
    return this.#answer(res, messages, user, browserCookie(req));
  }

  async #answer(
    res: ServerResponse,
    messages: BayeuxRequest[],
    user: SandboxUser,
    browser: string | null,
  ): Promise<StreamingOutcome> {
    const delivered: DeliveredMessage[] = [];
    const handled: Handled[] = [];
    const operations: Array<{ kind: string; ok: boolean }> = [];
    try {
      for (const m of messages) {
        const h = await this.#message(m, { user, browser }, delivered);
        handled.push(h);
        operations.push({ kind: `cometd:${String(m.channel).replace('/meta/', '')}`, ok: h.reply.successful === true });
      }
    } catch (error) {
      if (!(error instanceof DroppedConnection)) throw error;
      res.socket?.destroy();
      return 'dropped';
    }
    res.once('finish', () => setImmediate(() => handled.forEach((h) => h.after?.())));
    const cookies = handled.flatMap((h) => (h.cookie ? [h.cookie] : []));
    if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
    sendJson(res, 200, [...delivered, ...handled.map((h) => h.reply)]);
    return { status: 200, operations };
  }

  async #message(
    m: BayeuxRequest,
    from: { user: SandboxUser; browser: string | null },
    delivered: DeliveredMessage[],
  ): Promise<Handled> {
    const channel = typeof m.channel === 'string' ? m.channel : '';
    if (channel === '/meta/handshake') return this.#handshake(m, from.user);
    if (!channel.startsWith('/meta/')) return { reply: failed(m, channel, '403::Publish denied') };
    const client = this.clients.get(m.clientId);
    if (!client || client.user.id !== from.user.id) return { reply: unknownClient(m, channel) };
    if (from.browser !== client.browser) return { reply: missingCookie(m, channel, client.id) };
    const env = { clients: this.clients, bus: this.#bus };
    switch (channel) {
      case '/meta/connect': {
        if (m.connectionType !== 'long-polling')
          return { reply: failed(m, channel, `400::Invalid connection type ${String(m.connectionType)}`) };
        // A client may ask for a shorter hold (faye asks 0 for a connect batched with other
        // messages, so that they are answered at once): the server holds no longer than asked.
        const asked = typeof m.advice?.timeout === 'number' && m.advice.timeout >= 0 ? m.advice.timeout : Infinity;
        delivered.push(...(await client.connect(Math.min(this.#holdMs, asked))));
        client.answeredAt = Date.now();
        return { reply: { channel, id: m.id, clientId: client.id, successful: true, advice: RETRY_ADVICE } };
      }
      case '/meta/subscribe':
        return subscribe(m, client, env);
      case '/meta/unsubscribe':
        return unsubscribe(m, client);
      case '/meta/disconnect':
        return disconnect(m, env);
      default:
        return { reply: failed(m, channel, `400::Unknown channel ${channel}`) };
    }
  }

  #handshake(m: BayeuxRequest, user: SandboxUser): Handled {
    const types = Array.isArray(m.supportedConnectionTypes) ? m.supportedConnectionTypes : [];
    if (!types.includes('long-polling'))
      return { reply: failed(m, '/meta/handshake', `400::Invalid connection type ${types.join(',')}`) };
    const client = this.clients.create(user);
    return { reply: handshakeReply(m, client.id), cookie: `BAYEUX_BROWSER=${client.browser}; Path=/; HttpOnly` };
  }
}

/** The BAYEUX_BROWSER cookie a request carries, if any. */
function browserCookie(req: IncomingMessage): string | null {
  return /(?:^|;\s*)BAYEUX_BROWSER=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? null;
}

function versionRefusal(version: string | undefined): string | null {
  if (version === undefined) return `400::API version in the URI is mandatory. URI format: ${uri}`;
  const v = Number(version);
  if (v < MIN_STREAMING_VERSION || v > MAX_API_VERSION)
    return `400::Unsupported API version. Only API versions '${MIN_STREAMING_VERSION}.0' and later are supported. URI format: ${uri}`;
  return null;
}

/**
 * An invalid or missing token: a handshake is denied with the reason nested in `ext.sfdc`, any other
 * message fails with the reason itself; either way the advice is not to reconnect.
 */
function authFailure(m: BayeuxRequest, reason: string): BayeuxReply {
  const channel = typeof m.channel === 'string' ? m.channel : '';
  if (channel === '/meta/handshake')
    return failed(m, channel, '403::Handshake denied', {
      ext: { sfdc: { failureReason: reason } },
      advice: { reconnect: 'none' },
    });
  return failed(m, channel, reason, { advice: { reconnect: 'none', interval: 0 } });
}
