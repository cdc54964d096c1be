import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleverbridgeSandbox } from '../../../src/sandbox/cleverbridge/server.js';
import { cbClient, guideAnswer, guideFixture, withSandbox } from '../../helpers/cleverbridge.js';

/**
 * The product guide's example requests, sent verbatim with the real graphql-request client,
 * must get the guide's example answers from the Shieldware seed.
 */
describe('cleverbridge sandbox answers the product guide examples', () => {
  let sandbox: CleverbridgeSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ seed: 'shieldware' });
  });
  afterAll(() => sandbox.close());

  it('product(id: 97771) returns the guide example product', async () => {
    const data = await cbClient(sandbox).request(guideFixture('product.request.graphql'));
    expect(data).toEqual((guideAnswer('product.response.json') as { data: unknown }).data);
  });

  it('products(clientId: 864, billingType: RECURRING, productTypeIds: PRODUCT) returns the guide list', async () => {
    const data = await cbClient(sandbox).request(guideFixture('products.request.graphql'));
    expect(data).toEqual((guideAnswer('products.response.json') as { data: unknown }).data);
  });

  it('the create, update and delete examples, in order, return the guide answers', async () => {
    const client = cbClient(sandbox);
    const answer = (name: string) => (guideAnswer(name) as { data: unknown }).data;
    expect(await client.request(guideFixture('create-simple.request.graphql'))).toEqual(answer('create.response.json'));
    // The guide's second create answers 221756: the id its update examples then change.
    expect(await client.request(guideFixture('create-complex.request.graphql'))).toEqual({
      createProduct: { createdProduct: { id: 221756 } },
    });
    expect(await client.request(guideFixture('update-simple.request.graphql'))).toEqual(answer('update.response.json'));
    expect(await client.request(guideFixture('update-complex.request.graphql'))).toEqual(
      answer('update.response.json'),
    );
    expect(await client.request(guideFixture('delete.request.graphql'))).toEqual(answer('delete.response.json'));
  });
});
