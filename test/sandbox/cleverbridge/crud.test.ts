import { ClientError } from 'graphql-request';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CleverbridgeSandbox } from '../../../src/sandbox/cleverbridge/server.js';
import { CREATE, READ, UPDATE, cbClient, productInput, withSandbox } from '../../helpers/cleverbridge.js';

type Created = {
  createProduct: {
    createdProduct: { id: number; internalId: string | null; creationDate: string; lastModifyDate: string };
  };
};
type Read = { product: any };

describe('cleverbridge sandbox: create, read, update, delete', () => {
  let sandbox: CleverbridgeSandbox;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-01-01T00:00:00.000Z');
    sandbox = await withSandbox({ seed: 'empty', now: () => clock });
  });
  afterEach(() => sandbox.close());

  it('creates a product with new ids and reads back every field given', async () => {
    const client = cbClient(sandbox);
    const created = await client.request<Created>(CREATE, {
      input: productInput({
        internalId: '01t5g00000000AAAAA',
        names: [
          { languageId: 'EN', value: 'Antivirus Pro' },
          { languageId: 'DE', value: 'Virenschutz Pro' },
        ],
        additionalNameInformation: [{ languageId: 'EN', value: 'For teams' }],
        numberOfLicenses: 3,
        price: {
          baseCurrencyId: 'EUR',
          isGross: true,
          volumePricingMethod: 'PRICE_SCALE',
          priceAbsoluteValues: [
            { currencyId: 'EUR', quantity: 1, value: 49.95 },
            { currencyId: 'EUR', quantity: 5, value: 44.95 },
            { currencyId: 'USD', quantity: 1, interval: 0, value: 54.99 },
          ],
        },
        contentSettings: { description: [{ languageId: 'EN', value: 'Protects.' }] },
        subscriptionSettings: { recurringInterval: { value: 1, intervalPeriod: 'YEARS' } },
      }),
    });
    const { id, creationDate, lastModifyDate } = created.createProduct.createdProduct;
    expect(id).toBe(221755);
    expect(creationDate).toBe('2026-01-01T00:00:00.000Z');
    expect(lastModifyDate).toBe(creationDate);

    const { product } = await client.request<Read>(READ, { id });
    expect(product).toMatchObject({
      id,
      internalId: '01t5g00000000AAAAA',
      status: { id: 'FULLY_AVAILABLE' },
      productType: { id: 'PRODUCT' },
      names: [
        { value: 'Antivirus Pro', language: { id: 'EN' } },
        { value: 'Virenschutz Pro', language: { id: 'DE' } },
      ],
      additionalNameInformation: [{ value: 'For teams', language: { id: 'EN' } }],
      salesTaxCode: { code: 'DC010500' },
      numberOfLicenses: 3,
      price: {
        isGross: true,
        baseCurrency: { isoCode: 'EUR' },
        volumePricingMethod: { id: 'PRICE_SCALE' },
        priceAbsoluteValues: [
          { currency: { id: 'EUR' }, quantity: 1, interval: 0, value: 49.95 },
          { currency: { id: 'EUR' }, quantity: 5, interval: 0, value: 44.95 },
          { currency: { id: 'USD' }, quantity: 1, interval: 0, value: 54.99 },
        ],
      },
      contentSettings: {
        description: [{ value: 'Protects.', language: { id: 'EN' } }],
        // A localized field without values is answered as one empty entry, like the guide shows.
        shortDescription: [{ value: '', language: null }],
      },
      subscriptionSettings: { recurringInterval: { intervalPeriod: 'YEARS', value: 1 } },
    });
    expect(sandbox.store.get(id)?.billingType).toBe('RECURRING');
  });

  it('updates only the fields given and moves lastModifyDate', async () => {
    const client = cbClient(sandbox);
    const { id } = (
      await client.request<Created>(CREATE, {
        input: productInput({
          internalId: 'keep-me',
          names: [
            { languageId: 'EN', value: 'Backup' },
            { languageId: 'DE', value: 'Datensicherung' },
            { languageId: 'FR', value: 'Sauvegarde' },
          ],
          contentSettings: { description: [{ languageId: 'EN', value: 'Backs up.' }] },
        }),
      })
    ).createProduct.createdProduct;
    clock = new Date('2026-01-02T00:00:00.000Z');
    const before = sandbox.store.get(id)!;

    await client.request(UPDATE, {
      input: {
        id,
        // DE replaced, FR removed (empty value), EN untouched.
        names: [
          { languageId: 'DE', value: 'Datensicherung Plus' },
          { languageId: 'FR', value: '' },
        ],
        status: 'DEACTIVATED',
      },
    });
    const after = sandbox.store.get(id)!;
    expect(after.names).toEqual([
      { language: 'EN', value: 'Backup' },
      { language: 'DE', value: 'Datensicherung Plus' },
    ]);
    expect(after.status).toBe('DEACTIVATED');
    expect(after.lastModifyDate).toBe('2026-01-02T00:00:00.000Z');
    expect(after.creationDate).toBe(before.creationDate);
    // Everything not named in the update is as it was.
    const { names: _n, status: _s, lastModifyDate: _l, ...restAfter } = after;
    const { names: _n2, status: _s2, lastModifyDate: _l2, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
  });

  it('replaces the price tiers as one list, so a tier can be removed', async () => {
    const client = cbClient(sandbox);
    const input = productInput({
      price: {
        baseCurrencyId: 'USD',
        priceAbsoluteValues: [
          { currencyId: 'USD', quantity: 1, value: 10 },
          { currencyId: 'USD', quantity: 10, value: 8 },
        ],
      },
    });
    const { id } = (await client.request<Created>(CREATE, { input })).createProduct.createdProduct;
    await client.request(UPDATE, { input: { id, price: { priceAbsoluteValues: [{ currencyId: 'USD', value: 11 }] } } });
    const price = sandbox.store.get(id)!.price!;
    expect(price.tiers).toEqual([{ currency: 'USD', quantity: 1, interval: 0, value: 11 }]);
    // Settings not given in the price input keep their values.
    expect(price.baseCurrency).toBe('USD');
    expect(price.volumePricingMethod).toBe('PRICE_SCALE');
  });

  it('clears a field given an explicit null, as the platform documents', async () => {
    const client = cbClient(sandbox);
    const { id } = (
      await client.request<Created>(CREATE, {
        input: productInput({ internalCategory: 'security', ean: '4006381333931' }),
      })
    ).createProduct.createdProduct;
    await client.request(UPDATE, { input: { id, internalCategory: null } });
    expect(sandbox.store.get(id)).toMatchObject({ internalCategory: null, ean: '4006381333931' });
  });

  it('finds a product to update and delete by internalId with clientId', async () => {
    const client = cbClient(sandbox);
    await client.request(CREATE, { input: productInput({ internalId: 'sf-1' }) });
    await client.request(UPDATE, { input: { internalId: 'sf-1', clientId: 864, numberOfLicenses: 7 } });
    expect(sandbox.store.findByInternalId(864, 'sf-1')?.numberOfLicenses).toBe(7);

    const deleted = await client.request<{ deleteProduct: { deletedProductId: number } }>(
      'mutation { deleteProduct(internalId: "sf-1", clientId: 864) { deletedProductId } }',
    );
    expect(deleted.deleteProduct.deletedProductId).toBe(221755);
    expect(sandbox.store.size).toBe(0);
    await expect(client.request(READ, { id: 221755 })).rejects.toThrow(/not found/);
  });

  it('deletes by id, and a second delete of the same id is NOT_FOUND', async () => {
    const client = cbClient(sandbox);
    const { id } = (await client.request<Created>(CREATE, { input: productInput() })).createProduct.createdProduct;
    const del = `mutation { deleteProduct(id: ${id}, clientId: 864) { deletedProductId } }`;
    await client.request(del);
    const error = await client.request(del).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lists a client products with filters', async () => {
    const client = cbClient(sandbox);
    await client.request(CREATE, { input: productInput({ internalId: 'a' }) });
    await client.request(CREATE, {
      input: productInput({
        internalId: 'b',
        subscriptionSettings: { recurringInterval: { value: 1, intervalPeriod: 'MONTHS' } },
      }),
    });
    await client.request(CREATE, { input: productInput({ internalId: 'c', productType: 'BUNDLE' }) });
    const list = async (args: string) =>
      (
        await client.request<{ products: Array<{ internalId: string }> }>(`{ products(${args}) { internalId } }`)
      ).products
        .map((p) => p.internalId)
        .sort();
    expect(await list('clientId: 864')).toEqual(['a', 'b', 'c']);
    expect(await list('clientId: 864, billingType: RECURRING')).toEqual(['b']);
    expect(await list('clientId: 864, billingType: ONE_TIME, productTypeIds: [PRODUCT]')).toEqual(['a']);
    expect(await list('clientId: 864, productTypeIds: [PRODUCT, BUNDLE]')).toEqual(['a', 'b', 'c']);
  });
});

describe('cleverbridge sandbox: persistence', () => {
  it('keeps the catalog and the id counter in its state file across restarts', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const stateFile = join(mkdtempSync(join(tmpdir(), 'cb-sandbox-')), 'catalog.json');
    const first = await withSandbox({ seed: 'empty', stateFile });
    await cbClient(first).request(CREATE, { input: productInput({ internalId: 'persisted' }) });
    await first.close();

    const second = await withSandbox({ seed: 'shieldware', stateFile });
    try {
      expect(second.store.size).toBe(1);
      expect(second.store.findByInternalId(864, 'persisted')?.id).toBe(221755);
      const next = await cbClient(second).request<Created>(CREATE, { input: productInput() });
      expect(next.createProduct.createdProduct.id).toBe(221756);
    } finally {
      await second.close();
    }
  });
});
