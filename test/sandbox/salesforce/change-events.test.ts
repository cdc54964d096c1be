import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { connect, manualClock, withSalesforce, type Connection } from '../../helpers/salesforce.js';

type Json = Record<string, any>;
const CHANNEL = '/data/Product2ChangeEvent';
const HOUR = 3600 * 1000;

/** A jsforce (faye) streaming client with the replay extension, collecting what arrives on one channel. */
function follow(conn: Connection, channel: string, replayId: number | null) {
  const received: Json[] = [];
  const waiters: Array<() => void> = [];
  const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, replayId)]);
  const subscription = client.subscribe(channel, (message: Json) => {
    received.push(message);
    waiters.splice(0).forEach((w) => w());
  });
  /** Resolves once `n` messages have arrived in all (fails the test after 5 s). */
  const count = (n: number) =>
    new Promise<Json[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${received.length} messages, wanted ${n}`)), 5000);
      const check = () => {
        if (received.length >= n) {
          clearTimeout(timer);
          resolve(received.slice(0, n));
        } else waiters.push(check);
      };
      check();
    });
  const ready = new Promise<void>((resolve, reject) => {
    subscription.then(
      () => resolve(),
      (error: Error) => reject(error),
    );
  });
  return {
    client,
    subscription,
    received,
    count,
    ready,
    close: () => (client as unknown as { disconnect(): void }).disconnect(),
  };
}

describe('Salesforce sandbox change events over the Streaming API', () => {
  let clock: ReturnType<typeof manualClock>;
  let sf: SalesforceSandbox;
  let conn: Connection;
  const open: Array<{ close(): void }> = [];
  beforeEach(async () => {
    clock = manualClock();
    // Tokens outlive the 72 hours these tests move the clock by.
    sf = await withSalesforce({
      seed: 'shieldware',
      now: clock.now,
      tokenTtlMs: 30 * 24 * HOUR,
      streaming: { connectHoldMs: 300 },
    });
    conn = await connect(sf);
  });
  afterEach(async () => {
    open.splice(0).forEach((c) => c.close());
    await sf.close();
  });
  const subscribe = async (channel = CHANNEL, replayId: number | null = -1) => {
    const f = follow(conn, channel, replayId);
    open.push(f);
    await f.ready;
    return f;
  };
  const someProduct = () => (sf.db.records('Product2')[0] as Json).Id as string;

  it('delivers an update made through REST as an UPDATE event with the changed fields only', async () => {
    const f = await subscribe();
    const id = someProduct();
    await conn.sobject('Product2').update({ Id: id, Name: 'Renamed by REST', Description: null });
    const [message] = await f.count(1);
    const { payload, event, schema } = message as Json;
    expect(typeof schema).toBe('string');
    expect(event.replayId).toBeGreaterThan(0);
    expect(payload.ChangeEventHeader).toMatchObject({
      entityName: 'Product2',
      recordIds: [id],
      changeType: 'UPDATE',
      changeOrigin: 'com/salesforce/api/rest/62.0',
      sequenceNumber: 1,
      commitUser: sf.sessions.users[0]!.id,
    });
    expect(new Set(payload.ChangeEventHeader.changedFields)).toEqual(
      new Set(['Name', 'Description', 'LastModifiedDate', 'LastModifiedById']),
    );
    expect(payload.Name).toBe('Renamed by REST');
    expect(payload.Description).toBeNull();
    expect(payload).not.toHaveProperty('ProductCode');
    expect(payload).not.toHaveProperty('SystemModstamp');
    expect(payload.ChangeEventHeader.commitTimestamp).toBe(clock.ms);
  });

  it('delivers a create with every non-null field and a delete with the header only, in commit order', async () => {
    const f = await subscribe();
    const created = await conn.sobject('Product2').create({ Name: 'Brand new', ProductCode: 'NEW-1' });
    await conn.sobject('Product2').destroy(created.id as string);
    const [create, del] = await f.count(2);
    expect(create!.payload.ChangeEventHeader).toMatchObject({
      changeType: 'CREATE',
      recordIds: [created.id],
      changedFields: [],
    });
    expect(create!.payload).toMatchObject({ Name: 'Brand new', ProductCode: 'NEW-1', IsActive: false });
    expect(create!.payload).not.toHaveProperty('Id');
    expect(create!.payload).not.toHaveProperty('Description');
    expect(del!.payload.ChangeEventHeader).toMatchObject({ changeType: 'DELETE', recordIds: [created.id] });
    expect(Object.keys(del!.payload)).toEqual(['ChangeEventHeader']);
    expect(del!.event.replayId).toBeGreaterThan(create!.event.replayId);
    expect(del!.payload.ChangeEventHeader.commitNumber).toBeGreaterThan(create!.payload.ChangeEventHeader.commitNumber);
  });

  it('publishes a collection call as one transaction, and nothing of one that rolled back', async () => {
    const all = await subscribe('/data/ChangeEvents');
    const [a, b] = sf.db.records('Product2') as Json[];
    await conn.sobject('Product2').update(
      [
        { Id: a!.Id, Name: 'A' },
        { Id: b!.Id, Name: 'B' },
      ],
      { allOrNone: true },
    );
    await conn
      .sobject('Product2')
      .update(
        [
          { Id: a!.Id, Name: 'never' },
          { Id: b!.Id, Name: '' },
        ],
        { allOrNone: true },
      )
      .catch(() => undefined);
    sf.db.update('Product2', a!.Id, { Name: 'A again' });
    const [first, second, third] = await all.count(3);
    const key = first!.payload.ChangeEventHeader.transactionKey;
    expect(second!.payload.ChangeEventHeader).toMatchObject({ transactionKey: key, sequenceNumber: 2 });
    expect(third!.payload).toMatchObject({ Name: 'A again', ChangeEventHeader: { changeOrigin: '' } });
  });

  it('publishes a delete and its cascade as one transaction, the same change to many records as one event', async () => {
    const all = await subscribe('/data/ChangeEvents');
    const entries = await subscribe('/data/PricebookEntryChangeEvent');
    const product = someProduct();
    const of = (type: string, parent: string) =>
      (sf.db.records(type) as Json[]).filter((r) => r[parent] === product).map((r) => r.Id as string);
    const priced = of('PricebookEntry', 'Product2Id');
    const tiers = of('Price_Tier__c', 'Product__c');
    expect(priced.length).toBeGreaterThan(1);
    await conn.sobject('Product2').destroy(product);
    const events = await all.count(tiers.length > 0 ? 3 : 2);
    const headers = events.map((e) => e.payload.ChangeEventHeader);
    expect(headers.map((h) => [h.entityName, h.changeType, h.recordIds, h.sequenceNumber])).toEqual([
      ['Product2', 'DELETE', [product], 1],
      ['PricebookEntry', 'DELETE', priced, 2],
      ...(tiers.length > 0 ? [['Price_Tier__c', 'DELETE', tiers, 3]] : []),
    ]);
    expect(new Set(headers.map((h) => h.transactionKey)).size).toBe(1);
    expect((await entries.count(1))[0]!.payload.ChangeEventHeader.recordIds).toEqual(priced);
    await new Promise((r) => setTimeout(r, 400));
    expect(all.received).toHaveLength(events.length);
  });

  it("delivers a custom object's changes on its __ChangeEvent channel", async () => {
    const tiers = await subscribe('/data/Price_Tier__ChangeEvent');
    const created = await conn
      .sobject('Price_Tier__c')
      .create({ Product__c: someProduct(), CurrencyIsoCode: 'USD', Min_Quantity__c: 10, Unit_Price__c: 9.5 });
    const [event] = await tiers.count(1);
    expect(event!.payload).toMatchObject({
      ChangeEventHeader: { entityName: 'Price_Tier__c', changeType: 'CREATE', recordIds: [created.id] },
      Min_Quantity__c: 10,
      Unit_Price__c: 9.5,
    });
  });

  it('delivers an undelete with every non-null field of the restored record', async () => {
    const f = await subscribe();
    const id = someProduct();
    sf.db.delete('Product2', id);
    sf.db.undelete('Product2', id);
    const [, undeleted] = await f.count(2);
    expect(undeleted!.payload.ChangeEventHeader).toMatchObject({ changeType: 'UNDELETE', recordIds: [id] });
    expect(undeleted!.payload).toMatchObject({ Name: sf.db.get('Product2', id)!.Name, IsActive: expect.any(Boolean) });
    expect(undeleted!.payload).toHaveProperty('CreatedDate');
  });

  it('replays exactly the missed events from a stored replay id after a reconnect', async () => {
    const first = await subscribe();
    const id = someProduct();
    sf.db.update('Product2', id, { Name: 'seen' });
    const [seen] = await first.count(1);
    first.close();
    sf.db.update('Product2', id, { Name: 'missed 1' });
    sf.db.update('Product2', id, { Name: 'missed 2' });
    const again = await subscribe(CHANNEL, seen!.event.replayId);
    const replayed = await again.count(2);
    expect(replayed.map((m) => m.payload.Name)).toEqual(['missed 1', 'missed 2']);
    // Within one second LastModifiedDate keeps its value, yet an update always names it.
    expect(replayed[1]!.payload.ChangeEventHeader.changedFields).toEqual(['Name', 'LastModifiedDate']);
    expect(replayed[1]!.payload.LastModifiedDate).toBe(new Date(clock.ms).toISOString());
    sf.db.update('Product2', id, { Name: 'live' });
    expect((await again.count(3))[2]!.payload.Name).toBe('live');
  });

  it("answers a replay id outside the 72-hour window with Salesforce's error", async () => {
    const id = someProduct();
    sf.db.update('Product2', id, { Name: 'old news' });
    const replayId = sf.streaming.bus.retained()[0]!.replayId;
    clock.advance(72 * HOUR + 1000);
    const f = follow(conn, CHANNEL, replayId);
    open.push(f);
    const error = await f.ready.then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toContain(
      `The replayId {${replayId}} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
    );
  });

  it('replays every retained event with -2 and none with -1', async () => {
    const id = someProduct();
    sf.db.update('Product2', id, { Name: 'retained 1' });
    clock.advance(71 * HOUR);
    sf.db.update('Product2', id, { Name: 'retained 2' });
    const all = await subscribe(CHANNEL, -2);
    expect((await all.count(2)).map((m) => m.payload.Name)).toEqual(['retained 1', 'retained 2']);
    clock.advance(2 * HOUR);
    const rest = await subscribe(CHANNEL, -2);
    expect((await rest.count(1)).map((m) => m.payload.Name)).toEqual(['retained 2']);
    const fresh = await subscribe(CHANNEL, -1);
    sf.db.update('Product2', id, { Name: 'new' });
    expect((await fresh.count(1)).map((m) => m.payload.Name)).toEqual(['new']);
  });

  it('emits a gap event and an overflow event on demand, header only', async () => {
    const f = await subscribe();
    const id = someProduct();
    sf.streaming.emitGap('Product2', [id]);
    await fetch(`${sf.instanceUrl}/__sandbox/streaming/overflow`, {
      method: 'POST',
      body: JSON.stringify({ entity: 'Product2' }),
    });
    const [gap, overflow] = await f.count(2);
    expect(gap!.payload).toEqual({
      ChangeEventHeader: expect.objectContaining({ entityName: 'Product2', changeType: 'GAP_UPDATE', recordIds: [id] }),
    });
    expect(overflow!.payload.ChangeEventHeader).toMatchObject({ changeType: 'GAP_OVERFLOW', recordIds: [] });
  });

  it('publishes the next commit as a gap event in place of its change event, then goes back to change events', async () => {
    const f = await subscribe();
    const id = someProduct();
    sf.streaming.gapNext();
    await conn.sobject('Product2').update({ Id: id, Name: 'unpublished' });
    sf.db.update('Product2', id, { Name: 'published' });
    const [gap, change] = await f.count(2);
    expect(gap!.payload).toEqual({
      ChangeEventHeader: expect.objectContaining({
        entityName: 'Product2',
        changeType: 'GAP_UPDATE',
        recordIds: [id],
        changedFields: [],
      }),
    });
    expect(change!.payload.ChangeEventHeader.changeType).toBe('UPDATE');
    expect(change!.payload.Name).toBe('published');
    expect(sf.db.get('Product2', id)!.Name).toBe('published');
  });

  it('publishes the next commit as one overflow event per object it changes, no record named', async () => {
    const f = await subscribe('/data/ChangeEvents');
    const id = someProduct();
    sf.streaming.overflowNext();
    const book = (sf.db.records('Pricebook2') as Json[]).find((b) => b.IsStandard)!.Id;
    await conn
      .sobject('PricebookEntry')
      .create({ Product2Id: id, Pricebook2Id: book, CurrencyIsoCode: 'CHF', UnitPrice: 5 });
    sf.db.update('Product2', id, { Name: 'after the overflow' });
    const [overflow, change] = await f.count(2);
    expect(overflow!.payload).toEqual({
      ChangeEventHeader: expect.objectContaining({
        entityName: 'PricebookEntry',
        changeType: 'GAP_OVERFLOW',
        recordIds: [],
      }),
    });
    expect(change!.payload.ChangeEventHeader).toMatchObject({ entityName: 'Product2', changeType: 'UPDATE' });
  });

  it('makes a dropped client handshake again, resubscribe and get what it missed', async () => {
    const f = await subscribe();
    const id = someProduct();
    sf.db.update('Product2', id, { Name: 'before the drop' });
    await f.count(1);
    const handshakes: Json[] = [];
    f.client.addExtension({
      incoming: (m: Json, cb: (m: Json) => void) => (m.channel === '/meta/handshake' && handshakes.push(m), cb(m)),
    });
    expect(sf.streaming.dropClients()).toBe(1);
    sf.db.update('Product2', id, { Name: 'while dropped' });
    const [, missed] = await f.count(2);
    expect(missed!.payload.Name).toBe('while dropped');
    expect(handshakes).toHaveLength(1);
    expect(sf.streaming.server.clients.size).toBe(1);
  });

  it('tells a connected client its token stopped working: 401::Authentication invalid, do not reconnect', async () => {
    const failures: Json[] = [];
    const client = conn.streaming.createClient([new StreamingExtension.AuthFailure((m: Json) => failures.push(m))]);
    open.push({ close: () => (client as unknown as { disconnect(): void }).disconnect() });
    await new Promise<void>((resolve, reject) => client.subscribe(CHANNEL, () => undefined).then(resolve, reject));
    sf.sessions.expireAll();
    await expect.poll(() => failures.length, { timeout: 3000 }).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({
      channel: '/meta/connect',
      successful: false,
      error: '401::Authentication invalid',
      advice: { reconnect: 'none', interval: 0 },
    });
  });

  it('expires events on demand, so a stored replay id is refused', async () => {
    sf.db.update('Product2', someProduct(), { Name: 'expiring' });
    const replayId = sf.streaming.bus.retained()[0]!.replayId;
    expect(sf.streaming.expireEvents()).toBe(1);
    const f = follow(conn, CHANNEL, replayId);
    open.push(f);
    await expect(f.ready).rejects.toThrow(/you provided was invalid/);
  });
});
