import { ClientError } from 'graphql-request';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CleverbridgeSandbox } from '../../../src/sandbox/cleverbridge/server.js';
import { shieldwareProduct2Id } from '../../../src/sandbox/shieldware-ids.js';
import {
  CREATE,
  UPDATE,
  basicAuth,
  cbClient,
  postGraphQL,
  productInput,
  withSandbox,
} from '../../helpers/cleverbridge.js';

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  const response = (error as ClientError).response;
  return { errors: response.errors ?? [], data: response.data as Record<string, unknown> | undefined };
}

const without = (key: string) => {
  const input: Record<string, unknown> = productInput();
  delete input[key];
  return input;
};

describe('cleverbridge sandbox: validation errors', () => {
  let sandbox: CleverbridgeSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ seed: 'shieldware', rateLimit: { enabled: false } });
  });
  afterAll(() => sandbox.close());
  let before: number;
  beforeEach(() => {
    before = sandbox.store.size;
  });

  const createCases: Array<[string, Record<string, unknown>, string, string]> = [
    ['productType missing', without('productType'), 'REQUIRED_FIELD', 'input.productType'],
    ['price missing', without('price'), 'REQUIRED_FIELD', 'input.price'],
    ['sales tax code missing', without('salesTaxCodeId'), 'REQUIRED_FIELD', 'input.salesTaxCode'],
    ['name missing', without('names'), 'REQUIRED_FIELD', 'input.name'],
    ['name blank', productInput({ names: [{ languageId: 'EN', value: '   ' }] }), 'REQUIRED_FIELD', 'input.name'],
    [
      'no price values',
      productInput({ price: { baseCurrencyId: 'USD', priceAbsoluteValues: [] } }),
      'REQUIRED_FIELD',
      'input.price.priceAbsoluteValues',
    ],
    [
      'no base currency',
      productInput({ price: { priceAbsoluteValues: [{ currencyId: 'USD', value: 1 }] } }),
      'REQUIRED_FIELD',
      'input.price.baseCurrencyId',
    ],
    [
      'negative price',
      productInput({ price: { baseCurrencyId: 'USD', priceAbsoluteValues: [{ currencyId: 'USD', value: -1 }] } }),
      'INVALID_VALUE',
      'input.price.priceAbsoluteValues[0].value',
    ],
    [
      'three decimals',
      productInput({ price: { baseCurrencyId: 'USD', priceAbsoluteValues: [{ currencyId: 'USD', value: 9.999 }] } }),
      'INVALID_VALUE',
      'input.price.priceAbsoluteValues[0].value',
    ],
    [
      'quantity 0',
      productInput({
        price: { baseCurrencyId: 'USD', priceAbsoluteValues: [{ currencyId: 'USD', quantity: 0, value: 1 }] },
      }),
      'INVALID_VALUE',
      'input.price.priceAbsoluteValues[0].quantity',
    ],
    [
      'duplicate tier',
      productInput({
        price: {
          baseCurrencyId: 'USD',
          priceAbsoluteValues: [
            { currencyId: 'USD', quantity: 5, value: 1 },
            { currencyId: 'USD', quantity: 5, value: 2 },
          ],
        },
      }),
      'DUPLICATE_PRICE_TIER',
      'input.price.priceAbsoluteValues[1]',
    ],
    [
      'duplicate language',
      productInput({
        names: [
          { languageId: 'EN', value: 'a' },
          { languageId: 'EN', value: 'b' },
        ],
      }),
      'DUPLICATE_LANGUAGE',
      'input.name[1].languageId',
    ],
    [
      'name too long',
      productInput({ names: [{ languageId: 'EN', value: 'x'.repeat(256) }] }),
      'VALUE_TOO_LONG',
      'input.name[0].value',
    ],
    [
      'unknown sales tax code',
      { ...without('salesTaxCodeId'), salesTaxCode: 'XX000000' },
      'INVALID_SALES_TAX_CODE',
      'input.salesTaxCode',
    ],
    [
      'both spellings, different values',
      productInput({ name: [{ languageId: 'EN', value: 'a' }], names: [{ languageId: 'EN', value: 'b' }] }),
      'CONFLICTING_FIELDS',
      'input.name',
    ],
    ['unknown support contact', productInput({ supportContactId: 1 }), 'INVALID_REFERENCE', 'input.supportContactId'],
    ['unknown base product', productInput({ baseProductId: 300001 }), 'INVALID_REFERENCE', 'input.baseProductId'],
    [
      'min above max order quantity',
      productInput({ minimumOrderQuantity: 5, maximumOrderQuantity: 2 }),
      'INVALID_VALUE',
      'input.minimumOrderQuantity',
    ],
    ['another client', productInput({ clientId: 900 }), 'FORBIDDEN', 'input.clientId'],
    // Product 97773 of the Shieldware seed carries this internalId.
    [
      'duplicate internalId',
      productInput({ internalId: shieldwareProduct2Id(1) }),
      'DUPLICATE_INTERNAL_ID',
      'input.internalId',
    ],
  ];

  it.each(createCases)('createProduct refuses: %s', async (_name, input, code, field) => {
    const { errors, data } = await failure(cbClient(sandbox).request(CREATE, { input }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: ['createProduct'], extensions: { code, field } });
    expect((errors[0] as unknown as { code: string }).code).toBe(code);
    expect(data).toEqual({ createProduct: null });
    expect(sandbox.store.size).toBe(before);
  });

  it('accepts text exactly at the length limit', async () => {
    const name = 'x'.repeat(255);
    await cbClient(sandbox).request(CREATE, { input: productInput({ names: [{ languageId: 'EN', value: name }] }) });
    expect(sandbox.store.size).toBe(before + 1);
  });

  const updateCases: Array<[string, Record<string, unknown>, string, string]> = [
    ['unknown id', { id: 1, status: 'DEACTIVATED' }, 'NOT_FOUND', 'input.id'],
    ["another client's product", { id: 300001, status: 'DEACTIVATED' }, 'NOT_FOUND', 'input.id'],
    ['id and a different clientId', { id: 97771, clientId: 900 }, 'NOT_FOUND', 'input.id'],
    ['unknown internalId', { internalId: 'nope', clientId: 864 }, 'NOT_FOUND', 'input.internalId'],
    ['internalId without clientId', { internalId: 'nope' }, 'REQUIRED_FIELD', 'input.clientId'],
    ['neither id nor internalId', { status: 'DEACTIVATED' }, 'REQUIRED_FIELD', 'input.id'],
    ['every name removed', { id: 97771, names: null }, 'REQUIRED_FIELD', 'input.name'],
    ['price set to null', { id: 97771, price: null }, 'REQUIRED_FIELD', 'input.price'],
    ['status set to null', { id: 97771, status: null }, 'REQUIRED_FIELD', 'input.status'],
    [
      'internalId of another product',
      { id: 97771, internalId: shieldwareProduct2Id(1) },
      'DUPLICATE_INTERNAL_ID',
      'input.internalId',
    ],
  ];

  it.each(updateCases)('updateProduct refuses: %s', async (_name, input, code, field) => {
    const stored = structuredClone(sandbox.store.get(97771));
    const { errors } = await failure(cbClient(sandbox).request(UPDATE, { input }));
    expect(errors[0]).toMatchObject({ path: ['updateProduct'], extensions: { code, field } });
    expect(sandbox.store.get(97771)).toEqual(stored);
  });

  it.each([
    ['a product in a bundle', 'deleteProduct(id: 97770, clientId: 864)', 'PRODUCT_IN_USE'],
    ['a base product', 'deleteProduct(id: 97769, clientId: 864)', 'PRODUCT_IN_USE'],
    ['no identifier', 'deleteProduct(clientId: 864)', 'REQUIRED_FIELD'],
    ['internalId without clientId', 'deleteProduct(internalId: "x")', 'REQUIRED_FIELD'],
    ["another client's product", 'deleteProduct(id: 300001, clientId: 900)', 'NOT_FOUND'],
  ])('deleteProduct refuses %s', async (_name, call, code) => {
    const { errors } = await failure(cbClient(sandbox).request(`mutation { ${call} { deletedProductId } }`));
    expect(errors[0]?.extensions?.code).toBe(code);
    expect(sandbox.store.size).toBe(before);
  });

  it('products of a client the user may not access are refused', async () => {
    const { errors } = await failure(cbClient(sandbox).request('{ products(clientId: 900) { id } }'));
    expect(errors[0]).toMatchObject({ path: ['products'], extensions: { code: 'FORBIDDEN' } });
  });

  it('an unknown language iso code in a filter is refused', async () => {
    const { errors } = await failure(
      cbClient(sandbox).request('{ product(id: 97771) { name(languageIsoCodes: ["xx"]) { value } } }'),
    );
    expect(errors[0]?.extensions?.code).toBe('INVALID_VALUE');
  });

  it('several aliased mutations succeed or fail each on its own', async () => {
    const document = /* GraphQL */ `
      mutation Batch($a: CreateProductInput!, $b: CreateProductInput!, $c: CreateProductInput!) {
        a: createProduct(input: $a) {
          createdProduct {
            internalId
          }
        }
        b: createProduct(input: $b) {
          createdProduct {
            internalId
          }
        }
        c: createProduct(input: $c) {
          createdProduct {
            internalId
          }
        }
      }
    `;
    const { errors, data } = await failure(
      cbClient(sandbox).request(document, {
        a: productInput({ internalId: 'batch-a' }),
        b: productInput({
          internalId: 'batch-b',
          price: { baseCurrencyId: 'USD', priceAbsoluteValues: [{ currencyId: 'USD', value: -5 }] },
        }),
        c: productInput({ internalId: 'batch-c' }),
      }),
    );
    expect(data).toEqual({
      a: { createdProduct: { internalId: 'batch-a' } },
      b: null,
      c: { createdProduct: { internalId: 'batch-c' } },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: ['b'], extensions: { code: 'INVALID_VALUE' } });
    expect(sandbox.store.findByInternalId(864, 'batch-b')).toBeUndefined();
    expect(sandbox.store.size).toBe(before + 2);
  });

  it('two aliases creating the same internalId: the second fails alone', async () => {
    const document = `mutation ($x: CreateProductInput!) {
      first: createProduct(input: $x) { createdProduct { id } }
      second: createProduct(input: $x) { createdProduct { id } }
    }`;
    const { errors, data } = await failure(
      cbClient(sandbox).request(document, { x: productInput({ internalId: 'twice' }) }),
    );
    expect(data?.first).not.toBeNull();
    expect(data?.second).toBeNull();
    expect(errors[0]).toMatchObject({ path: ['second'], extensions: { code: 'DUPLICATE_INTERNAL_ID' } });
  });
});

describe('cleverbridge sandbox: request-level errors', () => {
  let sandbox: CleverbridgeSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ seed: 'shieldware', rateLimit: { enabled: false } });
  });
  afterAll(() => sandbox.close());

  it('an unknown enum value fails the whole document before anything runs', async () => {
    const before = sandbox.store.snapshot();
    const { errors, data } = await failure(
      cbClient(sandbox).request(`mutation {
        ok: updateProduct(input: {id: 97771, numberOfLicenses: 9}) { updatedProduct { id } }
        bad: updateProduct(input: {id: 97771, status: SOLD_OUT}) { updatedProduct { id } }
      }`),
    );
    expect(data).toBeUndefined();
    expect(errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(errors[0]?.message).toContain('SOLD_OUT');
    expect(sandbox.store.snapshot()).toEqual(before);
  });

  it('an unknown enum value in variables is BAD_USER_INPUT', async () => {
    const { errors } = await failure(cbClient(sandbox).request(UPDATE, { input: { id: 97771, status: 'SOLD_OUT' } }));
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a syntax error is GRAPHQL_PARSE_FAILED; with graphql-response+json it is an HTTP 400', async () => {
    const auth = { Authorization: basicAuth(sandbox.users[0]!) };
    const plain = await postGraphQL(sandbox, { query: '{ product(id: 1 { id } }' }, auth);
    expect(plain.status).toBe(200);
    expect(plain.json.errors[0]).toMatchObject({
      code: 'GRAPHQL_PARSE_FAILED',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const strict = await postGraphQL(
      sandbox,
      { query: '{ product(id: 1 { id } }' },
      { ...auth, Accept: 'application/graphql-response+json, application/json' },
    );
    expect(strict.status).toBe(400);
    expect(strict.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
  });

  it.each([
    ['a body that is not JSON', '{"query": ', 400],
    ['a batched array', [{ query: '{ __typename }' }], 400],
    ['no query', { variables: {} }, 400],
  ])('refuses %s', async (_name, body, status) => {
    const answer = await postGraphQL(sandbox, body);
    expect(answer.status).toBe(status);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body over the size limit with 413', async () => {
    const small = await withSandbox({ seed: 'empty', maxBodyBytes: 1024 });
    try {
      const answer = await postGraphQL(
        small,
        { query: `{ __typename } # ${'x'.repeat(2000)}` },
        { Authorization: basicAuth(small.users[0]!) },
      );
      expect(answer.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('answers queries over GET but refuses mutations there', async () => {
    const url = new URL(sandbox.graphqlUrl);
    url.searchParams.set('query', '{ product(id: 97771) { id } }');
    const headers = { Authorization: basicAuth(sandbox.users[0]!) };
    const get = await fetch(url, { headers });
    expect(await get.json()).toEqual({ data: { product: { id: 97771 } } });
    url.searchParams.set('query', 'mutation { deleteProduct(id: 221724, clientId: 864) { deletedProductId } }');
    const mutation = await fetch(url, { headers });
    expect(mutation.status).toBe(405);
    expect(sandbox.store.get(221724)).toBeDefined();
  });

  it('unknown paths are 404', async () => {
    const answer = await fetch(`${sandbox.baseUrl}/graphiql`, {
      headers: { Authorization: basicAuth(sandbox.users[0]!) },
    });
    expect(answer.status).toBe(404);
  });
});
