/**
 * How fast the cleverbridge sandbox answers, so benchmarks of the daemon know the emulator is
 * not what limits them. Rate limit off, no latency; the real graphql-request client.
 *   npm run bench:sandbox [-- --seconds 5 --products 100000]
 */
import { parseArgs } from 'node:util';
import { GraphQLClient } from 'graphql-request';
import { startCleverbridgeSandbox, type CleverbridgeSandbox } from '../src/sandbox/cleverbridge/server.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '5' }, products: { type: 'string', default: '100000' } },
});
const seconds = Number(values.seconds);
const largest = Number(values.products);

const client = (s: CleverbridgeSandbox) =>
  new GraphQLClient(s.graphqlUrl, {
    headers: {
      Authorization: `Basic ${Buffer.from(`${s.users[0]!.username}:${s.users[0]!.password}`).toString('base64')}`,
    },
  });

/** Runs `task` from `concurrency` loops for the given time; returns completed tasks per second. */
async function sustained(concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await task(done++);
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

const input = (i: number) => ({
  clientId: 864,
  productType: 'PRODUCT',
  status: 'FULLY_AVAILABLE',
  salesTaxCodeId: 'DC010500',
  internalId: `bench-${i}`,
  names: [
    { languageId: 'EN', value: `Bench product ${i}` },
    { languageId: 'DE', value: `Testprodukt ${i}` },
  ],
  contentSettings: { description: [{ languageId: 'EN', value: 'A product made by the benchmark.' }] },
  price: {
    baseCurrencyId: 'USD',
    priceAbsoluteValues: [
      { currencyId: 'USD', quantity: 1, value: 19.99 },
      { currencyId: 'USD', quantity: 5, value: 17.99 },
      { currencyId: 'EUR', quantity: 1, value: 18.99 },
    ],
  },
});

const BATCH = 50;
const batchDocument = `mutation (${Array.from({ length: BATCH }, (_, i) => `$p${i}: CreateProductInput!`).join(', ')}) {
${Array.from({ length: BATCH }, (_, i) => `  p${i}: createProduct(input: $p${i}) { createdProduct { id } }`).join('\n')}
}`;

const LIST = `query ($clientId: Int!) {
  products(clientId: $clientId) {
    id internalId status { id } lastModifyDate
    names { value language { id } }
    price { isGross baseCurrency { id } priceAbsoluteValues { currency { id } quantity interval value } }
  }
}`;

const rows: Array<[string, string]> = [];
const quiet = { rateLimit: { enabled: false } };

{
  const s = await startCleverbridgeSandbox({ seed: 'shieldware', ...quiet });
  const c = client(s);
  for (const concurrency of [1, 4, 16]) {
    const rps = await sustained(concurrency, () => c.request('{ product(id: 97771) { id names { value } } }'));
    rows.push([`product(id) queries, concurrency ${concurrency}`, `${rps.toFixed(0)} req/s`]);
  }
  const batches = await sustained(4, (i) =>
    c.request(
      batchDocument,
      Object.fromEntries(Array.from({ length: BATCH }, (_, k) => [`p${k}`, input(i * BATCH + k)])),
    ),
  );
  rows.push([
    `createProduct, ${BATCH} aliases per request, concurrency 4`,
    `${batches.toFixed(0)} req/s = ${(batches * BATCH).toFixed(0)} mutations/s`,
  ]);
  await s.close();
}

for (const n of [10_000, largest]) {
  const t0 = performance.now();
  const s = await startCleverbridgeSandbox({ seed: `synthetic:${n}`, ...quiet });
  const seeded = performance.now() - t0;
  const t1 = performance.now();
  const { products } = await client(s).request<{ products: unknown[] }>(LIST, { clientId: 864 });
  const read = performance.now() - t1;
  rows.push([
    `products list of ${n} (seeded in ${(seeded / 1000).toFixed(1)} s)`,
    `${(read / 1000).toFixed(2)} s for ${products.length} products`,
  ]);
  await s.close();
}

const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
console.log(
  `node ${process.version}, ${seconds} s per throughput figure, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
