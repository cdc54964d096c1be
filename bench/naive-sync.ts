/**
 * The baseline: what a user writes without catalog-sync. Read every Product2 with its prices
 * (jsforce, autoFetch), read the cleverbridge ids once, then push one createProduct or
 * updateProduct per product, one request at a time, under the same rate cap. No snapshot, no
 * diff, no batching. Used by bench.ts, which stops it after a time budget and projects the rest
 * from the rate it measured (the full run would take hours at 100,000 products).
 */
import { GraphQLClient } from 'graphql-request';
import jsforce from 'jsforce';

type Json = Record<string, any>;

export interface NaiveOptions {
  env: Record<string, string>;
  requestsPerSecond: number;
  /** Stop pushing after this long (ms); the rest is projected. */
  budgetMs: number;
}

export interface NaiveFigures {
  readSeconds: number;
  products: number;
  pushed: number;
  pushSeconds: number;
  /** Requests the full run makes: 1 read of cleverbridge ids + one per product. */
  cbRequests: number;
  /** Read time + the push of every product at the measured rate. */
  projectedSeconds: number;
}

const CREATE = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { createdProduct { id } } }`;
const UPDATE = `mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { updatedProduct { id } } }`;

export async function naiveSync(options: NaiveOptions): Promise<NaiveFigures> {
  const { env } = options;
  const conn = new jsforce.Connection({
    oauth2: { loginUrl: env.SF_LOGIN_URL!, clientId: env.SF_CLIENT_ID!, clientSecret: env.SF_CLIENT_SECRET! },
    version: env.SF_API_VERSION!,
  });
  await conn.authorize({ grant_type: 'client_credentials' });
  const readStart = performance.now();
  const products = (await conn
    .query(
      'SELECT Id, Name, Description, ProductCode, IsActive, (SELECT CurrencyIsoCode, UnitPrice FROM PricebookEntries) FROM Product2',
    )
    .run({ autoFetch: true, maxFetch: 10_000_000 })) as unknown as { records: Json[] };
  const records = (products as Json).records as Json[];
  const cb = new GraphQLClient(env.CB_GRAPHQL_URL!, {
    headers: { Authorization: `Basic ${Buffer.from(`${env.CB_USERNAME}:${env.CB_PASSWORD}`).toString('base64')}` },
  });
  const existing = await cb.request<{ products: Array<{ id: number; internalId: string | null }> }>(
    `{ products(clientId: ${env.CB_CLIENT_ID}) { id internalId } }`,
  );
  const ids = new Map(existing.products.map((p) => [p.internalId, p.id]));
  const readSeconds = (performance.now() - readStart) / 1000;

  const gap = 1000 / options.requestsPerSecond;
  const pushStart = performance.now();
  let pushed = 0;
  let last = 0;
  for (const r of records) {
    if (performance.now() - pushStart > options.budgetMs) break;
    const wait = last + gap - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    last = performance.now();
    const prices = ((r.PricebookEntries?.records ?? []) as Json[]).map((e) => ({
      currencyId: e.CurrencyIsoCode,
      quantity: 1,
      interval: 0,
      value: e.UnitPrice,
    }));
    const fields = {
      names: [{ languageId: 'EN', value: r.Name }],
      status: r.IsActive ? 'FULLY_AVAILABLE' : 'DEACTIVATED',
      price: { baseCurrencyId: 'USD', isGross: false, volumePricingMethod: 'PRICE_SCALE', priceAbsoluteValues: prices },
    };
    const id = ids.get(r.Id);
    if (id) await cb.request(UPDATE, { input: { id, ...fields } });
    else if (r.IsActive)
      await cb.request(CREATE, {
        input: {
          clientId: Number(env.CB_CLIENT_ID),
          internalId: r.Id,
          productType: 'PRODUCT',
          salesTaxCodeId: 'DC010500',
          internalName: r.ProductCode,
          ...fields,
        },
      });
    else continue;
    pushed++;
  }
  const pushSeconds = (performance.now() - pushStart) / 1000;
  const toPush = records.filter((r) => ids.has(r.Id) || r.IsActive).length;
  return {
    readSeconds,
    products: records.length,
    pushed,
    pushSeconds,
    cbRequests: 1 + toPush,
    projectedSeconds: readSeconds + (pushed > 0 ? (pushSeconds / pushed) * toPush : Infinity),
  };
}
