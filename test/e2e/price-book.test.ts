import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon-process.js';
import { clock, mutations, startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;

const idOf = (world: World, code: string) =>
  (world.sf.db.records('Product2') as Json[]).find((p) => p.ProductCode === code)!.Id as string;
const bookId = (world: World, name: string) =>
  (world.sf.db.records('Pricebook2') as Json[]).find((b) => b.Name === name)!.Id as string;
const entry = (world: World, product: string, book: string, currency: string) =>
  (world.sf.db.records('PricebookEntry') as Json[]).find(
    (e) => e.Product2Id === product && e.Pricebook2Id === book && e.CurrencyIsoCode === currency,
  )!;
const cbPrices = (world: World, key: string) =>
  [...world.cb.store.all()].find((p) => p.internalId === key)!.price!.tiers.filter((t) => t.quantity === 1);

describe('price.priceBook: prices from the configured price book only', () => {
  let world: World;
  afterEach(() => world.close());

  it.each([['by name'], ['by id']])(
    'reads the online price book (%s); an edit in another book sends nothing',
    async (how) => {
      const c = clock();
      world = await startWorld({ sf: { now: c.now }, cb: { seed: 'empty', now: c.now }, now: c.now });
      const online = bookId(world, 'Online Price Book');
      world.mapping.price.priceBook = how === 'by id' ? online : 'Online Price Book';
      // Products not sold online have no online price: the online catalog is scoped to match.
      world.mapping.scope = { where: 'Sell_Online__c = true', leavePolicy: 'deactivate' };
      const first = await world.sync();
      expect(first).toMatchObject({ started: true, outcome: 'succeeded' });
      const vpn = idOf(world, 'VPN-UNL');
      // The online discount, not the standard price 59.95.
      expect(cbPrices(world, vpn)).toContainEqual({ currency: 'USD', quantity: 1, interval: 0, value: 49.95 });

      const standard = bookId(world, 'Standard Price Book');
      c.advance(300);
      await world.sync({ kind: 'incremental' }); // the write-back's changes, read once
      c.advance(300);
      world.sf.db.update('PricebookEntry', entry(world, vpn, standard, 'USD').Id, { UnitPrice: 64.95 });
      world.sf.db.update(
        'PricebookEntry',
        entry(world, idOf(world, 'IS-ENT'), bookId(world, 'Partner Price Book'), 'USD').Id,
        {
          UnitPrice: 70,
        },
      );
      c.advance(60);
      const sent = mutations(world);
      const quiet = await world.sync({ kind: 'incremental' });
      expect(quiet).toMatchObject({ started: true, outcome: 'succeeded', plan: { cost: { requests: 0 } } });
      expect(quiet.started && quiet.plan.entries).toEqual([]);
      expect(mutations(world)).toBe(sent);

      c.advance(300);
      world.sf.db.update('PricebookEntry', entry(world, vpn, online, 'USD').Id, { UnitPrice: 44.95 });
      c.advance(60);
      const repriced = await world.sync({ kind: 'incremental' });
      expect(repriced).toMatchObject({ started: true, outcome: 'succeeded' });
      expect(repriced.started && repriced.apply?.succeeded).toEqual({ create: 0, update: 1, delete: 0 });
      expect(cbPrices(world, vpn)).toContainEqual({ currency: 'USD', quantity: 1, interval: 0, value: 44.95 });
    },
  );
});

describe('a mapping that does not fit the org stops start-up, naming the setting (exit 78): every problem at once', () => {
  let world: World;
  afterEach(() => world.close());

  it.each([
    [
      'a price book the org does not have',
      (m: any) => (m.price.priceBook = 'Webshop Prices'),
      'mapping.price.priceBook: the org has no price book "Webshop Prices"',
    ],
    [
      'a scope field Product2 does not have',
      (m: any) => (m.scope = { where: "Sell_Online__c = true AND Shop__c = 'EU'", leavePolicy: 'deactivate' }),
      'mapping.scope.where: Product2 has no field Shop__c (at character 27)',
    ],
    [
      'an invalid scope condition',
      (m: any) => (m.scope = { where: 'Sell_Online__c = true OR', leavePolicy: 'deactivate' }),
      'scope.where: not a valid SOQL condition at character 25: the condition ends too early',
    ],
    [
      'a Text field feeding an Int',
      (m: any) => (m.fields.minimumOrderQuantity = 'Description'),
      'mapping.fields.minimumOrderQuantity: Product2.Description is textarea; a textarea field cannot feed an Int (use a Number field)',
    ],
    [
      'a picklist feeding an enum without a value map',
      (m: any) =>
        (m.subscription = {
          recurringInterval: { value: 'Subscription_Term__c', intervalPeriod: 'Subscription_Period__c' },
        }),
      'mapping.subscription.recurringInterval.intervalPeriod: Product2.Subscription_Period__c is picklist; a picklist field feeds one of cleverbridge\'s values only through a value map ("values")',
    ],
  ])('%s: `sync` and `start` exit 78, nothing is sent', async (_name, change, message) => {
    world = await startWorld({ cb: { seed: 'empty' }, mapping: change });
    for (const command of [['sync'], ['start']]) {
      const run = runCli(world, command);
      expect(await run.exit, run.output()).toBe(78);
      expect(run.output()).toContain(message);
    }
    expect([...world.cb.store.all()]).toEqual([]);
  });
});
