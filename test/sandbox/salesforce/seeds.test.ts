import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogState, StoredProduct } from '../../../src/sandbox/cleverbridge/model.js';
import { shieldwareCatalog } from '../../../src/sandbox/cleverbridge/seeds/shieldware.js';
import { syntheticCleverbridgeCatalog } from '../../../src/sandbox/cleverbridge/seeds/synthetic.js';
import type { SalesforceSandbox } from '../../../src/sandbox/salesforce/server.js';
import { shieldwareProduct2Id } from '../../../src/sandbox/shieldware-ids.js';
import { withSalesforce } from '../../helpers/salesforce.js';

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
    ]);
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
