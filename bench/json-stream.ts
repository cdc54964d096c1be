/**
 * Streaming JSON parsers measured on the products answer of a large catalog (issue 15 item 1):
 * the answer is fetched once from a cleverbridge sandbox seeded `synthetic:N` and written to a
 * file, then each parser reads that file in a process of its own, handing over each element of
 * `data.products` one at a time (dropped at once), beside JSON.parse of the whole.
 *   npx tsx bench/json-stream.ts [--products 100000] [--modules DIR]
 * --modules: a node_modules folder holding the parsers not installed in the project (for
 * example one made with `npm install stream-json @streamparser/json` in /tmp/x).
 */
import { fork } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadMapping } from '../src/config/mapping-schema.js';
import { productsQuery } from '../src/cleverbridge/queries.js';
import { startCleverbridgeSandbox } from '../src/sandbox/cleverbridge/server.js';

const PARSERS = ['JSON.parse', '@streamparser/json', 'stream-json'] as const;
type Parser = (typeof PARSERS)[number];

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    modules: { type: 'string', default: join(process.cwd(), 'node_modules') },
    parse: { type: 'string' },
    generate: { type: 'boolean', default: false },
    file: { type: 'string' },
  },
});

const load = (name: string) =>
  import(pathToFileURL(createRequire(join(values.modules!, 'x.js')).resolve(name)).href) as Promise<any>;

/** Calls `each` with every element of data.products, never holding the list. */
async function parseWith(parser: Parser, file: string, each: (p: unknown) => void): Promise<void> {
  if (parser === 'JSON.parse') {
    for (const p of JSON.parse(readFileSync(file, 'utf8')).data.products) each(p);
  } else if (parser === '@streamparser/json') {
    const { JSONParser } = await load('@streamparser/json');
    const json = new JSONParser({ paths: ['$.data.products.*'], keepStack: false });
    json.onValue = ({ value }: { value: unknown }) => each(value);
    for await (const chunk of createReadStream(file)) json.write(chunk);
    if (!json.isEnded) json.end();
  } else {
    const { parser: tokens } = await load('stream-json');
    const { pick } = await load('stream-json/filters/pick.js');
    const { streamArray } = await load('stream-json/streamers/stream-array.js');
    const { default: chain } = await load('stream-chain');
    const pipeline = chain([createReadStream(file), tokens(), pick({ filter: 'data.products' }), streamArray()]);
    for await (const { value } of pipeline) each(value);
  }
}

async function child(parser: Parser, file: string): Promise<void> {
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 10);
  const started = performance.now();
  let count = 0;
  await parseWith(parser, file, () => count++);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  process.send!({
    parser,
    count,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
  });
}

async function answer(products: number, file: string): Promise<void> {
  const cb = await startCleverbridgeSandbox({ seed: `synthetic:${products}` });
  try {
    const user = cb.users[0]!;
    const response = await fetch(cb.graphqlUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`,
      },
      body: JSON.stringify({
        query: productsQuery(loadMapping('config/mapping.json')),
        variables: { clientId: user.clientIds[0] },
      }),
    });
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  } finally {
    await cb.close();
  }
}

/**
 * Runs this script again in a child process. Linux keeps a process's peak RSS across the exec
 * that follows a fork, so the parent stays small: the sandbox, too, runs in a child of its own.
 */
const inChild = (args: string[]) =>
  new Promise<Record<string, number | string>>((resolve, reject) => {
    const run = fork(fileURLToPath(import.meta.url), [...args, '--modules', values.modules!], {
      execArgv: process.execArgv,
    });
    let answer: Record<string, number | string> = {};
    run.once('message', (m) => (answer = m as Record<string, number | string>));
    run.once('exit', (code) => (code === 0 ? resolve(answer) : reject(new Error(`${args.join(' ')}: exit ${code}`))));
  });

const measure = (parser: Parser, file: string) => inChild(['--parse', parser, '--file', file]);

if (values.parse) {
  await child(values.parse as Parser, values.file!);
} else if (values.generate) {
  await answer(Number(values.products), values.file!);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'json-stream-'));
  try {
    const file = join(dir, 'products.json');
    await inChild(['--generate', '--products', values.products!, '--file', file]);
    console.log(`answer of ${values.products} products: ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`);
    for (const parser of PARSERS) {
      const r = await measure(parser, file);
      console.log(
        `${parser.padEnd(20)} ${String(r.count).padStart(7)} products  ${Number(r.seconds).toFixed(2)} s  ` +
          `peak RSS ${Number(r.peakRssMb).toFixed(0)} MB  peak heap ${Number(r.peakHeapMb).toFixed(0)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
