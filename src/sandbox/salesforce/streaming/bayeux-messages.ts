import type { BayeuxClient, BayeuxClients } from './bayeux-clients.js';
import type { ChangeEventBus } from './event-bus.js';

/** A Bayeux message as the client sends it (only the fields the server reads). */
export interface BayeuxRequest {
  channel?: unknown;
  id?: unknown;
  clientId?: unknown;
  subscription?: unknown;
  connectionType?: unknown;
  supportedConnectionTypes?: unknown;
  ext?: { replay?: Record<string, unknown> } & Record<string, unknown>;
  /** A connect's advice: `timeout`, the longest the client wants it held. */
  advice?: { timeout?: unknown };
}

export type BayeuxReply = Record<string, unknown>;

/** The connect timeout Salesforce advises: the server holds a /meta/connect up to 110 seconds. */
export const ADVISED_TIMEOUT_MS = 110_000;

export const RETRY_ADVICE = Object.freeze({ reconnect: 'retry', interval: 0, timeout: ADVISED_TIMEOUT_MS });

/** What the server answers for a message, and what it does after the answer is on its way. */
export interface Handled {
  reply: BayeuxReply;
  /** Runs once the HTTP answer has been sent: replayed events wait until the client knows it subscribed. */
  after?: () => void;
  /** A cookie the answer sets (the handshake's BAYEUX_BROWSER). */
  cookie?: string;
}

export interface MessageEnv {
  clients: BayeuxClients;
  bus: ChangeEventBus;
}

const base = (m: BayeuxRequest, channel: string) => ({
  channel,
  ...(m.id === undefined ? {} : { id: m.id }),
  ...(typeof m.clientId === 'string' ? { clientId: m.clientId } : {}),
});

export const failed = (m: BayeuxRequest, channel: string, error: string, extra: BayeuxReply = {}): BayeuxReply => ({
  ...base(m, channel),
  successful: false,
  error,
  ...extra,
});

/** Salesforce's (CometD's) answer to a clientId it does not know: handshake again. */
export const unknownClient = (m: BayeuxRequest, channel: string): BayeuxReply =>
  failed(m, channel, '403::Unknown client', { advice: { reconnect: 'handshake', interval: 0 } });

/** Streaming API's refusal of a request without the session cookie its handshake set. */
export const missingCookie = (m: BayeuxRequest, channel: string, clientId: string): BayeuxReply =>
  failed(m, channel, `400::Client ${clientId} has established a session, but no BAYEUX_BROWSER cookie present`);

export const invalidReplayId = (replayId: unknown): string =>
  `400::The replayId {${String(replayId)}} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;

/** /meta/subscribe with the replay extension: `ext.replay[channel]` is -1 (default), -2 or a replay id. */
export function subscribe(m: BayeuxRequest, client: BayeuxClient, env: MessageEnv): Handled {
  const channel = '/meta/subscribe';
  const subscription = m.subscription;
  if (typeof subscription !== 'string' || subscription === '')
    return { reply: failed(m, channel, '400::Channel name not specified') };
  const named = { subscription };
  if (!subscription.startsWith('/'))
    return { reply: failed(m, channel, "400::Channel subscriptions must start with a leading '/'", named) };
  if (!env.bus.channelExists(subscription))
    return {
      reply: failed(
        m,
        channel,
        `400::The channel you requested to subscribe to doesn't exist {${subscription}}`,
        named,
      ),
    };
  const from = m.ext?.replay?.[subscription] ?? -1;
  const replayed = Number.isInteger(from) ? env.bus.replay(subscription, from as number) : 'invalid';
  if (replayed === 'invalid') return { reply: failed(m, channel, invalidReplayId(from), named) };
  client.subscriptions.add(subscription);
  return {
    reply: { ...base(m, channel), successful: true, ...named },
    after: () => client.enqueue(replayed.map((e) => ({ channel: subscription, data: e.data }))),
  };
}

export function unsubscribe(m: BayeuxRequest, client: BayeuxClient): Handled {
  const subscription = typeof m.subscription === 'string' ? m.subscription : '';
  if (!client.subscriptions.delete(subscription))
    return { reply: failed(m, '/meta/unsubscribe', `400::Not subscribed to {${subscription}}`, { subscription }) };
  return { reply: { ...base(m, '/meta/unsubscribe'), successful: true, subscription } };
}

export function disconnect(m: BayeuxRequest, env: MessageEnv): Handled {
  env.clients.remove(m.clientId as string);
  return { reply: { ...base(m, '/meta/disconnect'), successful: true } };
}

export function handshakeReply(m: BayeuxRequest, clientId: string): BayeuxReply {
  return {
    ...base(m, '/meta/handshake'),
    clientId,
    version: '1.0',
    minimumVersion: '1.0',
    supportedConnectionTypes: ['long-polling'],
    advice: RETRY_ADVICE,
    ext: { replay: true, 'payload.format': true },
    successful: true,
  };
}
