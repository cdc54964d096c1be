import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { connect, withSalesforce, type Connection } from '../../helpers/salesforce.js';

type Json = Record<string, any>;

// The Streaming API's Bayeux answers as raw HTTP shows them (jsforce hides most of them).
describe('Salesforce sandbox Streaming API on the wire', () => {
  let sf: SalesforceSandbox;
  let conn: Connection;
  beforeEach(async () => {
    sf = await withSalesforce({ seed: 'shieldware', streaming: { connectHoldMs: 300 } });
    conn = await connect(sf);
  });
  afterEach(() => sf.close());

  let cookie = '';
  /** One POST to /cometd/62.0, carrying the cookie the last handshake set (as a browser or faye would). */
  const cometd = async (messages: Json[], authorization?: string, withCookie = true) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (authorization) headers.Authorization = authorization;
    if (withCookie && cookie) headers.Cookie = cookie;
    const res = await fetch(`${sf.instanceUrl}/cometd/62.0`, {
      method: 'POST',
      headers,
      body: JSON.stringify(messages),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return { status: res.status, body: (await res.json()) as Json[] };
  };
  const handshake = {
    channel: '/meta/handshake',
    id: '1',
    version: '1.0',
    supportedConnectionTypes: ['long-polling'],
  };

  it('denies a handshake without a token or with a bad one, advising not to reconnect', async () => {
    const none = await cometd([handshake]);
    expect(none.status).toBe(401);
    expect(none.body).toEqual([
      {
        channel: '/meta/handshake',
        id: '1',
        successful: false,
        error: '403::Handshake denied',
        ext: { sfdc: { failureReason: '401::Request requires authentication' } },
        advice: { reconnect: 'none' },
      },
    ]);
    const bad = await cometd([handshake], 'OAuth not-a-token');
    expect(bad.body[0]).toMatchObject({ ext: { sfdc: { failureReason: '401::Authentication invalid' } } });
  });

  it('hands out a client id with the advised 110 s timeout, and refuses an unknown client id', async () => {
    const auth = `OAuth ${conn.accessToken}`;
    const [reply] = (await cometd([handshake], auth)).body;
    expect(reply).toMatchObject({
      channel: '/meta/handshake',
      successful: true,
      supportedConnectionTypes: ['long-polling'],
      advice: { reconnect: 'retry', interval: 0, timeout: 110_000 },
      ext: { replay: true },
    });
    const connect = { channel: '/meta/connect', id: '2', connectionType: 'long-polling' };
    const started = Date.now();
    const held = await cometd([{ ...connect, clientId: reply!.clientId }], auth);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(held.body).toEqual([expect.objectContaining({ channel: '/meta/connect', successful: true })]);
    const unknown = await cometd([{ ...connect, clientId: 'forgotten' }], auth);
    expect(unknown.body).toEqual([
      {
        channel: '/meta/connect',
        id: '2',
        clientId: 'forgotten',
        successful: false,
        error: '403::Unknown client',
        advice: { reconnect: 'handshake', interval: 0 },
      },
    ]);
  });

  it("holds a connect no longer than the client's advice asks: timeout 0, batched with a subscribe, answers at once", async () => {
    await sf.close();
    sf = await withSalesforce({ seed: 'shieldware' }); // Salesforce's 110 s hold
    conn = await connect(sf);
    const auth = `OAuth ${conn.accessToken}`;
    const clientId = (await cometd([handshake], auth)).body[0]!.clientId as string;
    const connect_ = { channel: '/meta/connect', id: '2', clientId, connectionType: 'long-polling' };
    const subscribe = { channel: '/meta/subscribe', id: '3', clientId, subscription: '/data/Product2ChangeEvent' };
    const started = Date.now();
    const { body } = await cometd([{ ...connect_, advice: { timeout: 0 } }, subscribe], auth);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(body.map((m) => [m.channel, m.successful])).toEqual([
      ['/meta/connect', true],
      ['/meta/subscribe', true],
    ]);
  });

  it('refuses a request without the session cookie its handshake set', async () => {
    const auth = `OAuth ${conn.accessToken}`;
    const clientId = (await cometd([handshake], auth)).body[0]!.clientId as string;
    expect(cookie).toMatch(/^BAYEUX_BROWSER=/);
    const connect = { channel: '/meta/connect', id: '2', clientId, connectionType: 'long-polling' };
    expect((await cometd([connect], auth, false)).body[0]).toMatchObject({
      successful: false,
      error: `400::Client ${clientId} has established a session, but no BAYEUX_BROWSER cookie present`,
    });
  });

  it('names each custom object channel with __ChangeEvent and refuses a channel that does not exist', async () => {
    const auth = `OAuth ${conn.accessToken}`;
    const clientId = (await cometd([handshake], auth)).body[0]!.clientId as string;
    const sub = (subscription: string) =>
      cometd([{ channel: '/meta/subscribe', id: '3', clientId, subscription }], auth);
    expect((await sub('/data/Price_Tier__ChangeEvent')).body[0]).toMatchObject({ successful: true });
    expect((await sub('/data/PricebookEntryChangeEvent')).body[0]).toMatchObject({ successful: true });
    expect((await sub('/data/Product2DataTranslationChangeEvent')).body[0]).toMatchObject({
      successful: false,
      error: "400::The channel you requested to subscribe to doesn't exist {/data/Product2DataTranslationChangeEvent}",
    });
  });
});
