import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogState, StoredProduct } from '../../../src/sandbox/cleverbridge/model.js';
import { shieldwareCatalog } from '../../../src/sandbox/cleverbridge/seeds/shieldware.js';
import { syntheticCleverbridgeCatalog } from '../../../src/sandbox/cleverbridge/seeds/synthetic.js';
import { recordId } from '../../../src/sandbox/salesforce/record-id.js';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { shieldwareProduct2Id } from '../../../src/sandbox/shieldware-ids.js';
import { connect, withSalesforce } from '../../helpers/salesforce.js';

type Row = Record<string, any>;

/** What both sides must agree on for one product, in vendor-neutral terms. */
interface Facts {
  names: Record<string, string>;
  descriptions: Record<string, string>;
  prices: string[];
}

const LANGUAGE: Record<string, string> = { de: 'DE', fr: 'FR' };

function salesforceFacts(sf: SalesforceSandbox, id: string): Facts {
  const product = sf.db.get('Product2', id) as Row;
  const standard = (sf.db.records('Pricebook2') as Row[]).find((b) => b.IsStandard)?.Id;
  const names: Record<string, string> = { EN: product.Name };
  const descriptions: Record<string, string> = product.Description ? { EN: product.Description } : {};
  for (const t of sf.db.records('Product2DataTranslation') as Row[]) {
    if (t.ParentId !== id) continue;
    names[LANGUAGE[t.Language] as string] = t.Name;
    if (t.Description) descriptions[LANGUAGE[t.Language] as string] = t.Description;
  }
  const prices = [
    ...(sf.db.records('PricebookEntry') as Row[])
      .filter((e) => e.Product2Id === id && e.Pricebook2Id === standard)
      .map((e) => `${e.CurrencyIsoCode} 1 ${e.UnitPrice}`),
    ...(sf.db.records('Price_Tier__c') as Row[])
      .filter((t) => t.Product__c === id)
      .map((t) => `${t.CurrencyIsoCode} ${t.Min_Quantity__c} ${t.Unit_Price__c}`),
  ];
  return { names, descriptions, prices: prices.sort() };
}

function cleverbridgeFacts(p: StoredProduct, description: 'shortDescription' | 'description'): Facts {
  const pairs = (l: Array<{ language: string; value: string }> | undefined) =>
    Object.fromEntries((l ?? []).map((x) => [x.language, x.value]));
  return {
    names: pairs(p.names),
    descriptions: pairs(p.contentSettings?.[description]),
    // Renewal prices (interval 1) have no counterpart in the Salesforce data model.
    prices: (p.price?.tiers ?? [])
      .filter((t) => t.interval === 0)
      .map((t) => `${t.currency} ${t.quantity} ${t.value}`)
      .sort(),
  };
}

const linked = (catalog: CatalogState) => catalog.products.filter((p) => p.internalId !== null);

/** An interval in the unit cleverbridge counts it in: whole years are months there. */
function cleverbridgeInterval(period: string, value: number): string {
  if (period === 'Year' || period === 'YEARS') return `MONTHS ${value * 12}`;
  const unit: Record<string, string> = { Month: 'MONTHS', Week: 'WEEKS', Day: 'DAYS' };
  return `${unit[period] ?? period} ${value}`;
}

describe('Salesforce sandbox seeds', () => {
  let shieldware: SalesforceSandbox;
  beforeAll(async () => {
    shieldware = await withSalesforce({ seed: 'shieldware' });
  });
  afterAll(() => shieldware.close());

  it('shieldware holds the eight products cleverbridge links to, with the same names, descriptions and prices', () => {
    const products = linked(shieldwareCatalog());
    expect(products.map((p) => p.internalId).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => shieldwareProduct2Id(i + 1)).sort(),
    );
    for (const p of products) {
      expect({ id: p.internalId, ...salesforceFacts(shieldware, p.internalId as string) }).toEqual({
        id: p.internalId,
        ...cleverbridgeFacts(p, 'shortDescription'),
      });
    }
  });

  it('shieldware adds Salesforce-only products, new and inactive', () => {
    const cbIds = new Set(linked(shieldwareCatalog()).map((p) => p.internalId));
    const only = (shieldware.db.records('Product2') as Row[]).filter((p) => !cbIds.has(p.Id));
    expect(only.filter((p) => p.IsActive).map((p) => p.Name)).toEqual([
      'Shieldware VPN Unlimited',
      'Password Manager Family',
    ]);
    expect(only.filter((p) => !p.IsActive)).toHaveLength(2);
    expect(shieldware.db.records('Pricebook2').map((b) => [b.Name, b.IsStandard])).toEqual([
      ['Standard Price Book', true],
      ['Partner Price Book', false],
      ['Online Price Book', false],
    ]);
  });

  it('shieldware products carry the web shop fields: sold online but by contract, billing intervals', () => {
    const shop = (shieldware.db.records('Product2') as Row[]).map((p) => [
      p.ProductCode,
      p.Sell_Online__c,
      p.Subscription_Term__c,
      p.Subscription_Period__c,
    ]);
    expect(shop).toEqual([
      ['IS-ENT', true, 1, 'Year'],
      ['IS-BASX-1D', true, 1, 'Day'],
      ['CB-3Y', true, 3, 'Year'],
      ['CB-2Y', true, 2, 'Year'],
      ['CB-1D', true, 1, 'Day'],
      ['IS-BAS', true, 1, 'Year'],
      ['SUP-GOLD', false, 1, 'Year'],
      ['CB-1Y', true, 1, 'Year'],
      ['VPN-UNL', true, 1, 'Year'],
      ['PWM-FAM', true, 1, 'Month'],
      ['MOB-SEC', true, null, null],
      ['CB-5Y', true, null, null],
    ]);
    // Each linked product bills in the interval its cleverbridge subscription renews in.
    for (const p of linked(shieldwareCatalog())) {
      const sf = shieldware.db.get('Product2', p.internalId as string) as Row;
      const recurring = p.subscriptionSettings?.recurringInterval;
      expect({
        code: sf.ProductCode,
        interval: cleverbridgeInterval(sf.Subscription_Period__c, sf.Subscription_Term__c),
      }).toEqual({
        code: sf.ProductCode,
        interval: recurring ? cleverbridgeInterval(recurring.intervalPeriod, recurring.value) : 'null null',
      });
    }
  });

  it('shieldware has an Online Price Book: the standard prices of active products sold online, one discounted', async () => {
    const conn = await connect(shieldware);
    const book = (
      await conn.query<Row>(
        "SELECT Id, IsActive, IsStandard, Description FROM Pricebook2 WHERE Name = 'Online Price Book'",
      )
    ).records;
    expect(book).toEqual([
      expect.objectContaining({
        Id: recordId('01s', '5g', 3),
        IsActive: true,
        IsStandard: false,
        Description: 'Web shop prices',
      }),
    ]);
    const entries = await conn.query<Row>(
      "SELECT Product2.ProductCode, CurrencyIsoCode, UnitPrice, IsActive, UseStandardPrice FROM PricebookEntry WHERE Pricebook2.Name = 'Online Price Book'",
    );
    const online = entries.records.map(
      (e) => `${e.Product2.ProductCode} ${e.CurrencyIsoCode} ${e.UnitPrice} ${e.IsActive} ${e.UseStandardPrice}`,
    );
    const standard = await conn.query<Row>(
      'SELECT Product2.ProductCode, CurrencyIsoCode, UnitPrice FROM PricebookEntry WHERE Pricebook2.IsStandard = true AND Product2.IsActive = true AND Product2.Sell_Online__c = true',
    );
    const expected = standard.records.map(
      (e) =>
        `${e.Product2.ProductCode} ${e.CurrencyIsoCode} ${e.Product2.ProductCode === 'VPN-UNL' && e.CurrencyIsoCode === 'USD' ? 49.95 : e.UnitPrice} true false`,
    );
    expect(online.sort()).toEqual(expected.sort());
    expect(online).toHaveLength(20);
    expect(online).toContain('VPN-UNL USD 49.95 true false');
    expect(
      online.filter((e) => e.startsWith('SUP-GOLD ') || e.startsWith('MOB-SEC ') || e.startsWith('CB-5Y ')),
    ).toEqual([]);
  });

  it('synthetic:N describes the same products as the cleverbridge synthetic seed', async () => {
    const sf = await withSalesforce({ seed: 'synthetic:150', seedNumber: 7 });
    try {
      const products = linked(syntheticCleverbridgeCatalog(150, 7));
      expect(sf.db.count('Product2')).toBe(150);
      for (const p of products) {
        expect(salesforceFacts(sf, p.internalId as string)).toEqual(cleverbridgeFacts(p, 'description'));
        expect(sf.db.get('Product2', p.internalId as string)?.IsActive).toBe(p.status === 'FULLY_AVAILABLE');
      }
    } finally {
      await sf.close();
    }
  });

  it('is deterministic for a seed number and differs between seed numbers', async () => {
    const [a, b, c] = await Promise.all([
      withSalesforce({ seed: 'synthetic:40', seedNumber: 3 }),
      withSalesforce({ seed: 'synthetic:40', seedNumber: 3 }),
      withSalesforce({ seed: 'synthetic:40', seedNumber: 4 }),
    ]);
    try {
      const dump = (sf: SalesforceSandbox) =>
        ['Product2', 'PricebookEntry', 'Price_Tier__c', 'Product2DataTranslation'].map((t) => sf.db.records(t));
      expect(dump(a)).toEqual(dump(b));
      expect(dump(a)).not.toEqual(dump(c));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('empty holds only the standard price book', async () => {
    const sf = await withSalesforce({ seed: 'empty' });
    try {
      expect(sf.db.count('Product2')).toBe(0);
      expect(sf.db.records('Pricebook2').map((b) => b.Name)).toEqual(['Standard Price Book']);
    } finally {
      await sf.close();
    }
    await expect(withSalesforce({ seed: 'nonsense' })).rejects.toThrow(/unknown seed/);
  });
});
