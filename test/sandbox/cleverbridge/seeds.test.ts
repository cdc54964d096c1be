import { describe, expect, it } from 'vitest';
import { toId18 } from '../../../src/core/salesforce-id.js';
import { resolveSeed } from '../../../src/sandbox/cleverbridge/seeds/index.js';
import { ProductStore } from '../../../src/sandbox/cleverbridge/store.js';
import { syntheticCatalog } from '../../../src/sandbox/synthetic-catalog.js';
import { CREATE, cbClient, productInput, withSandbox } from '../../helpers/cleverbridge.js';

describe('cleverbridge sandbox seeds', () => {
  it('shieldware: the guide catalog for client 864 and a second client', () => {
    const store = new ProductStore(resolveSeed('shieldware', 1));
    expect([...store.list(864)].map((p) => p.id)).toEqual([
      97769, 97773, 219375, 221565, 221564, 221561, 97770, 98062, 221563, 97771, 97772, 221600, 221724,
    ]);
    expect([...store.list(900)]).toHaveLength(1);
    const linked = [...store.list(864)].filter((p) => p.internalId !== null);
    expect(linked).toHaveLength(8);
    for (const p of linked) expect(toId18(p.internalId!)).toBe(p.internalId);
  });

  it('empty: no products, but the client accounts and the id counter', async () => {
    const sandbox = await withSandbox({ seed: 'empty' });
    try {
      expect(sandbox.store.size).toBe(0);
      const created = await cbClient(sandbox).request<any>(CREATE, { input: productInput() });
      expect(created.createProduct.createdProduct.id).toBe(221755);
    } finally {
      await sandbox.close();
    }
  });

  it('synthetic:N is deterministic for a seed number and differs between seed numbers', () => {
    const a = resolveSeed('synthetic:300', 7);
    const b = resolveSeed('synthetic:300', 7);
    const c = resolveSeed('synthetic:300', 8);
    expect(a).toEqual(b);
    expect(a.products.map((p) => p.names)).not.toEqual(c.products.map((p) => p.names));
  });

  it('synthetic:N product i does not depend on N', () => {
    const small = resolveSeed('synthetic:50', 3).products;
    const large = resolveSeed('synthetic:500', 3).products.slice(0, 50);
    expect(large).toEqual(small);
  });

  it('synthetic products look like a real catalog: languages, currencies, volume tiers, recurring and inactive ones', () => {
    const products = [...syntheticCatalog(2000, 1)];
    const share = (test: (p: (typeof products)[number]) => boolean) => products.filter(test).length / products.length;
    expect(share((p) => 'DE' in p.names)).toBeGreaterThan(0.7);
    expect(share((p) => 'FR' in p.names)).toBeGreaterThan(0.3);
    expect(share((p) => p.prices.some((t) => t.currency === 'EUR'))).toBeGreaterThan(0.8);
    expect(share((p) => p.prices.some((t) => t.currency === 'JPY'))).toBeGreaterThan(0.2);
    expect(share((p) => p.prices.some((t) => t.quantity > 1))).toBeGreaterThan(0.3);
    expect(share((p) => p.recurring !== null)).toBeGreaterThan(0.6);
    expect(share((p) => !p.active)).toBeGreaterThan(0.05);
    expect(new Set(products.map((p) => p.product2Id)).size).toBe(products.length);
    for (const p of products) {
      const keys = p.prices.map((t) => `${t.currency}/${t.quantity}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const t of p.prices) expect(Math.round(t.value * 100)).toBeCloseTo(t.value * 100, 6);
    }
  });

  it('synthetic products are valid cleverbridge products: each passes createProduct validation', async () => {
    const sandbox = await withSandbox({ seed: 'synthetic:40', rateLimit: { enabled: false } });
    const fresh = await withSandbox({ seed: 'empty', rateLimit: { enabled: false } });
    try {
      for (const p of sandbox.store.all()) {
        await cbClient(fresh).request(CREATE, {
          input: productInput({
            internalId: p.internalId,
            status: p.status,
            names: p.names.map((n) => ({ languageId: n.language, value: n.value })),
            price: {
              baseCurrencyId: p.price!.baseCurrency,
              priceAbsoluteValues: p.price!.tiers.map((t) => ({
                currencyId: t.currency,
                quantity: t.quantity,
                value: t.value,
              })),
            },
          }),
        });
      }
      expect(fresh.store.size).toBe(40);
    } finally {
      await Promise.all([sandbox.close(), fresh.close()]);
    }
  });

  it('an unknown seed is refused with the names of the valid ones', () => {
    expect(() => resolveSeed('shieldwar', 1)).toThrow(/'shieldware', 'empty' or 'synthetic:N'/);
  });
});
