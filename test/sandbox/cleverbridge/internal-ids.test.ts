import { afterEach, describe, expect, it } from 'vitest';
import type { CleverbridgeSandbox } from '../../../src/sandbox/cleverbridge/server.js';
import { CREATE, UPDATE, cbClient, productInput, withSandbox } from '../../helpers/cleverbridge.js';

type Created = { createProduct: { createdProduct: { id: number } } };
type Updated = { updateProduct: { updatedProduct: { id: number } } };
type Deleted = { deleteProduct: { deletedProductId: number } };

const DELETE_BY_INTERNAL_ID =
  'mutation ($i: String) { deleteProduct(internalId: $i, clientId: 864) { deletedProductId } }';

describe('cleverbridge sandbox: internalIds that are not unique', () => {
  let sandbox: CleverbridgeSandbox;
  afterEach(() => sandbox.close());

  const create = async (internalId: string, name: string) => {
    const input = productInput({ internalId, names: [{ languageId: 'EN', value: name }] });
    return (await cbClient(sandbox).request<Created>(CREATE, { input })).createProduct.createdProduct.id;
  };

  it('takes a second create with the same internalId, as the platform might', async () => {
    sandbox = await withSandbox({ seed: 'empty', uniqueInternalIds: false });
    const first = await create('01t000000000001AAA', 'first');
    const second = await create('01t000000000001AAA', 'second');
    expect(second).toBeGreaterThan(first);
    expect([...sandbox.store.all()].map((p) => [p.id, p.internalId])).toEqual([
      [first, '01t000000000001AAA'],
      [second, '01t000000000001AAA'],
    ]);
  });

  it('names the oldest of them in an update or delete by internalId, then the next one', async () => {
    sandbox = await withSandbox({ seed: 'empty', uniqueInternalIds: false });
    const first = await create('twice', 'first');
    const second = await create('twice', 'second');
    const updated = await cbClient(sandbox).request<Updated>(UPDATE, {
      input: { internalId: 'twice', clientId: 864, status: 'DEACTIVATED' },
    });
    expect(updated.updateProduct.updatedProduct.id).toBe(first);
    expect(sandbox.store.get(first)?.status).toBe('DEACTIVATED');
    expect(sandbox.store.get(second)?.status).toBe('FULLY_AVAILABLE');

    const client = cbClient(sandbox);
    expect((await client.request<Deleted>(DELETE_BY_INTERNAL_ID, { i: 'twice' })).deleteProduct.deletedProductId).toBe(
      first,
    );
    expect((await client.request<Deleted>(DELETE_BY_INTERNAL_ID, { i: 'twice' })).deleteProduct.deletedProductId).toBe(
      second,
    );
    expect(sandbox.store.size).toBe(0);
  });

  it('can be switched at run time; the default refuses the second create', async () => {
    sandbox = await withSandbox({ seed: 'empty' });
    await create('once', 'first');
    await expect(create('once', 'second')).rejects.toThrow(/DUPLICATE_INTERNAL_ID|already has internalId/);
    sandbox.store.uniqueInternalIds = false;
    await create('once', 'second');
    expect(sandbox.store.size).toBe(2);
  });
});
