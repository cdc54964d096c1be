/**
 * One sandbox in a process of its own (its role, salesforce or cleverbridge, is the first
 * argument), driven over IPC by the benchmark: so that the benchmark process holds only
 * catalog-sync (its RSS is the daemon's), the emulators' CPU does not share the sync's event
 * loop, and one emulator's work (Salesforce serving a write-back) does not slow the other's
 * (cleverbridge answering mutations), as two real systems would not. Started by
 * sandbox-client.ts; not run by hand.
 */
import { startCleverbridgeSandbox, type CleverbridgeSandbox } from '../../src/sandbox/cleverbridge/server.js';
import { cleverbridgeEnv, salesforceEnv } from '../../src/sandbox/sandbox-env.js';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/server.js';

type Json = Record<string, any>;

export interface HostStart {
  sfSeed: string;
  cbSeed: string;
  latencyMs: number;
}

export interface HostInfo {
  env: Record<string, string>;
}

const role = process.argv[2] === 'cleverbridge' ? 'cleverbridge' : 'salesforce';
let sf: SalesforceSandbox | null = null;
/** Salesforce's clock runs this far ahead of ours: a benchmark lets time pass without waiting. */
let clockOffsetMs = 0;
let cb: CleverbridgeSandbox | null = null;

const need = <T>(x: T | null): T => {
  if (!x) throw new Error('the sandboxes are not started');
  return x;
};

export interface EditResult {
  products: number;
  byKind: Record<string, number>;
  /** Rows a read of the edited products returns: each product with its related records. */
  readRows: number;
  /** Rows the change queries return for the edits. */
  changeRows: number;
}

/**
 * Changes `count` active products the way managers do, a third each: a price (the USD entry),
 * a name, a deactivation. Spread over the catalog; the same products for the same arguments.
 */
/** Rows a full read of a product returns: the product, and its prices, tiers and translations. */
function rowsPerProduct(db: SalesforceSandbox['db']): Map<string, number> {
  const rows = new Map<string, number>();
  const bump = (id: unknown) => rows.set(String(id), (rows.get(String(id)) ?? 1) + 1);
  for (const e of db.records('PricebookEntry')) bump(e.Product2Id);
  for (const t of db.records('Price_Tier__c')) bump(t.Product__c);
  for (const t of db.records('Product2DataTranslation')) bump(t.ParentId);
  return rows;
}

function edit(count: number, salt: number): EditResult {
  const db = need(sf).db;
  const active = db.records('Product2').filter((p) => p.IsActive);
  const step = Math.max(1, Math.floor(active.length / count));
  const entries = new Map<string, Json>();
  for (const e of db.records('PricebookEntry')) if (e.CurrencyIsoCode === 'USD') entries.set(String(e.Product2Id), e);
  const book = String(db.records('Pricebook2').find((b) => b.IsStandard)!.Id);
  const byKind = { price: 0, name: 0, deactivation: 0, creation: 0 };
  const rows = rowsPerProduct(db);
  let readRows = 0;
  let changeRows = 0;
  for (let i = 0; i < count && i * step < active.length; i++) {
    const p = active[(i * step + salt) % active.length]!;
    const kind = (['price', 'name', 'deactivation', 'creation'] as const)[i % 4]!;
    if (kind === 'price') {
      const entry = entries.get(String(p.Id))!;
      db.update('PricebookEntry', String(entry.Id), { UnitPrice: Number(entry.UnitPrice) + 1 });
    } else if (kind === 'name') db.update('Product2', String(p.Id), { Name: `${p.Name} (rev ${salt})` });
    else if (kind === 'deactivation') db.update('Product2', String(p.Id), { IsActive: false });
    else {
      const id = db.create('Product2', { Name: `New ${salt}-${i}`, ProductCode: `NEW-${salt}-${i}`, IsActive: true });
      db.create('PricebookEntry', {
        Product2Id: id,
        Pricebook2Id: book,
        CurrencyIsoCode: 'USD',
        UnitPrice: 9,
        IsActive: true,
      });
    }
    byKind[kind]++;
    // The change queries return the edited record (a creation: the product and its price), the
    // run then reads the product with its related records (a creation: itself and its price).
    changeRows += kind === 'creation' ? 2 : 1;
    readRows += kind === 'creation' ? 2 : (rows.get(String(p.Id)) ?? 1);
  }
  return { products: byKind.price + byKind.name + byKind.deactivation + byKind.creation, byKind, readRows, changeRows };
}

const ops: Record<string, (args: any) => unknown> = {
  async start(args: HostStart): Promise<HostInfo> {
    await Promise.all([sf?.close(), cb?.close()]);
    if (role === 'salesforce') {
      sf = await startSalesforceSandbox({
        seed: args.sfSeed,
        dailyApiLimit: 100_000_000,
        now: () => new Date(Date.now() + clockOffsetMs),
        faults: { latencyMs: args.latencyMs },
      });
      return { env: salesforceEnv(sf) };
    }
    cb = await startCleverbridgeSandbox({ seed: args.cbSeed, faults: { latencyMs: args.latencyMs } });
    return { env: cleverbridgeEnv(cb) };
  },
  advanceClock: (seconds: number) => void (clockOffsetMs += seconds * 1000),
  rateLimit: (enabled: boolean) => need(cb).rateLimiter.configure({ enabled }),
  edit: ({ count, salt }: { count: number; salt: number }) => edit(count, salt),
  /** A system process moving SystemModstamp on every live record of `type` (or those with `ids`). */
  touch: ({ type, ids }: { type: string; ids?: string[] }) => need(sf).db.touch(type, ids),
  /** Server-side request counts, and the catalogs' sizes. */
  stats: () =>
    role === 'cleverbridge'
      ? {
          cb: {
            requests: need(cb).log.stats().requests,
            byStatus: need(cb).log.stats().byStatus,
            products: need(cb).store.size,
          },
        }
      : {
          sf: {
            requests: need(sf).log.stats().requests,
            activeProducts: need(sf)
              .db.records('Product2')
              .filter((p) => p.IsActive).length,
          },
        },
  async stop() {
    await Promise.all([sf?.close(), cb?.close()]);
    sf = cb = null;
  },
};

process.on('message', async (message: { id: number; op: string; args: unknown }) => {
  try {
    const result = await ops[message.op]!(message.args);
    process.send!({ id: message.id, result });
  } catch (error) {
    process.send!({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
