/**
 * Query rate of the Salesforce sandbox, measured with jsforce as the daemon will use it.
 *
 *   npm run bench:salesforce [-- synthetic:N seconds]
 *
 * The sandbox runs in a child process (as under `catalog-sync sandbox`), so client and server
 * do not share an event loop. Reports the full paged read of all products with their price
 * book entries (default batch size and batchSize=200) and a selective incremental query by
 * SystemModstamp, at concurrency 1 and 4.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import jsforce from 'jsforce';
import { startSalesforceSandbox } from '../src/sandbox/salesforce/server.js';

const seed = process.argv.find((a) => a.startsWith('synthetic:')) ?? 'synthetic:10000';

if (process.argv.includes('--serve')) {
  const started = Date.now();
  const sf = await startSalesforceSandbox({ seed, dailyApiLimit: 100_000_000 });
  const { clientId, clientSecret } = sf.credentials;
  const seedMs = Date.now() - started;
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  process.stdout.write(
    `${JSON.stringify({ url: sf.loginUrl, clientId, clientSecret, seedMs, rssMb, products: sf.db.count('Product2') })}\n`,
  );
} else {
  const seconds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), seed, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const server = JSON.parse(
      await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve)),
    ) as {
      url: string;
      clientId: string;
      clientSecret: string;
    };
    console.log('sandbox', server);
    const conn = new jsforce.Connection({
      loginUrl: server.url,
      version: '62.0',
      oauth2: { clientId: server.clientId, clientSecret: server.clientSecret, loginUrl: server.url },
    });
    await conn.authorize({ grant_type: 'client_credentials' });

    const FULL =
      'SELECT Id, Name, ProductCode, Description, IsActive, Family, SystemModstamp, (SELECT Id, CurrencyIsoCode, UnitPrice FROM PricebookEntries) FROM Product2';
    const fullRead = async (batchSize: number) => {
      const headers = { 'Sforce-Query-Options': `batchSize=${batchSize}` };
      const started = performance.now();
      let page = await conn.request<{ done: boolean; nextRecordsUrl?: string; records: unknown[] }>({
        method: 'GET',
        url: `/query?q=${encodeURIComponent(FULL)}`,
        headers,
      });
      let pages = 1;
      let records = page.records.length;
      while (!page.done) {
        page = await conn.request({ method: 'GET', url: page.nextRecordsUrl as string, headers });
        pages++;
        records += page.records.length;
      }
      const s = (performance.now() - started) / 1000;
      return {
        batchSize,
        records,
        pages,
        seconds: +s.toFixed(2),
        pagesPerSecond: +(pages / s).toFixed(1),
        productsPerSecond: Math.round(records / s),
      };
    };

    // The last 1% of products by SystemModstamp: an incremental run's read.
    const stamps = (
      await conn.query<{ SystemModstamp: string }>('SELECT SystemModstamp FROM Product2 ORDER BY SystemModstamp DESC', {
        autoFetch: true,
        maxFetch: 1_000_000,
      })
    ).records;
    const cursor = stamps[Math.floor(stamps.length / 100)]?.SystemModstamp as string;
    const selective = `SELECT Id, Name, SystemModstamp, (SELECT Id, UnitPrice, CurrencyIsoCode FROM PricebookEntries) FROM Product2 WHERE SystemModstamp > ${cursor} ORDER BY SystemModstamp`;
    const rate = async (concurrency: number) => {
      const rows = (await conn.query(selective)).totalSize;
      let queries = 0;
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < until) {
            await conn.query(selective);
            queries++;
          }
        }),
      );
      return { concurrency, rowsPerQuery: rows, queries, queriesPerSecond: +(queries / seconds).toFixed(1) };
    };

    await fullRead(2000); // warm-up
    console.log('full read', await fullRead(2000));
    console.log('full read', await fullRead(200));
    console.log('selective by SystemModstamp', await rate(1));
    console.log('selective by SystemModstamp', await rate(4));
  } finally {
    child.kill();
  }
}
