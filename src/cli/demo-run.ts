import { rmSync } from 'node:fs';
import { loadMapping } from '../config/mapping-schema.js';
import { loadSettings } from '../config/settings.js';
import { startDaemon } from '../daemon/daemon.js';
import { createLogger } from '../lib/logger.js';
import { startCleverbridgeSandbox, type CleverbridgeSandbox } from '../sandbox/cleverbridge/server.js';
import { shieldwareProduct2Id } from '../sandbox/shieldware-ids.js';
import { sandboxEnv } from '../sandbox/sandbox-env.js';
import { startSalesforceSandbox, type SalesforceSandbox } from '../sandbox/salesforce/server.js';
import type { SyncReport } from '../sync/types.js';
import { untilStopped } from './signals.js';

export interface DemoOptions {
  cbPort: number;
  sfPort: number;
  controlPort: number;
  schedule: string;
}

const STATE = 'state/demo.db';
const TOKEN = 'demo-control-token-not-secret';
/** Technical Support - Gold Level, the seed's product that is not sold online. */
const SUPPORT_PRODUCT = shieldwareProduct2Id(7);

function describe(report: SyncReport | null, error: Error | null): string {
  if (error) return `run failed: ${error.message}`;
  if (!report?.started) return 'run refused: another run holds the lock';
  const c = report.plan.counts;
  const a = report.apply.succeeded;
  const changed = c.create + c.adopt + c.update + c.deactivate + c.drift + c.delete;
  return (
    `run ${report.runId} (${report.kind}) ${report.outcome}: ${changed} product(s) to change, ${c.noop} unchanged, ${c.invalid} invalid; ` +
    `cleverbridge: ${a.create} created, ${a.update} updated, ${a.delete} deleted; ` +
    `requests: ${report.requests.salesforce} Salesforce, ${report.requests.cleverbridge} cleverbridge`
  );
}

/** What the first run made of the catalog: the subscription terms, and what was left out of scope. */
function catalogLines(cb: CleverbridgeSandbox): string[] {
  const products = [...cb.store.all()];
  const lines = products.map((p) => {
    const every = p.subscriptionSettings?.recurringInterval;
    const name = p.names.find((n) => n.language === 'EN')?.value ?? p.internalId;
    return `${name}: ${every ? `subscription, every ${every.value} ${every.intervalPeriod.toLowerCase().replace(/s$/, every.value === 1 ? '' : 's')}` : 'one-time'}`;
  });
  const outside = SUPPORT_PRODUCT;
  if (!products.some((p) => p.internalId === outside))
    lines.push('Technical Support - Gold Level: not sold online (Sell_Online__c is false), so not in cleverbridge');
  return lines;
}

/** The curl lines that edit a product in the Salesforce sandbox and show it in cleverbridge. */
function howToEdit(sf: SalesforceSandbox, cb: CleverbridgeSandbox, control: string, out: (line: string) => void) {
  const user = cb.users[0]!;
  const id = shieldwareProduct2Id(3);
  out('');
  out('cleverbridge now has the Shieldware catalog as config/shieldware-mapping.json selects it:');
  for (const line of catalogLines(cb)) out(`  ${line}`);
  out('Edit a product in Salesforce and watch it sync:');
  out(
    `  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=${sf.credentials.clientId} -d client_secret=${sf.credentials.clientSecret} ${sf.loginUrl}/services/oauth2/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
  );
  out(
    `  curl -s -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"Name": "Cloudbit - 3 Years (edited)"}' ${sf.instanceUrl}/services/data/v${sf.apiVersion}/sobjects/Product2/${id}`,
  );
  out(
    `  curl -s -u ${user.username}:${user.password} -H 'Content-Type: application/json' -d '{"query":"{ products(clientId: 864) { id internalId names { value language { id } } } }"}' ${cb.graphqlUrl}`,
  );
  out(`  curl -s ${control}/status    # runs; POST /sync with "Authorization: Bearer ${TOKEN}" starts one`);
  out('Press Ctrl-C to stop.');
  out('');
}

/** Both sandboxes and the daemon against them, until a signal stops them. */
export async function runDemo(options: DemoOptions, out: (line: string) => void): Promise<void> {
  const sf = await startSalesforceSandbox({ port: options.sfPort });
  const cb = await startCleverbridgeSandbox({ port: options.cbPort, seed: 'empty' });
  rmSync(STATE, { force: true });
  const env = {
    ...sandboxEnv(sf, cb),
    STATE_DB: STATE,
    SYNC_SCHEDULE: options.schedule,
    CONTROL_PORT: String(options.controlPort),
    CONTROL_TOKEN: TOKEN,
    // The complete Shieldware example: only what is sold online, its online prices, its subscriptions.
    MAPPING_FILE: 'config/shieldware-mapping.json',
  };
  const settings = loadSettings(env, 'config/catalog-sync.json');
  const daemon = await startDaemon(settings, loadMapping(settings.mappingFile), createLogger('warn'));
  out(
    `Salesforce sandbox ${sf.loginUrl}, cleverbridge sandbox ${cb.graphqlUrl} (empty), daemon API ${daemon.control.url}`,
  );
  let first = true;
  daemon.coordinator.on('run:end', (report, error) => {
    out(describe(report, error));
    if (!first) return;
    first = false;
    howToEdit(sf, cb, daemon.control.url, out);
  });
  const signal = await untilStopped();
  out(`${signal}: stopping`);
  await daemon.stop(signal);
  await Promise.all([sf.close(), cb.close()]);
}
