import { startCleverbridgeSandbox, DEFAULT_USER } from '../sandbox/cleverbridge/server.js';
import { DEFAULT_SF_CLIENT, startSalesforceSandbox } from '../sandbox/salesforce/server.js';
import { untilStopped } from './signals.js';

export interface SandboxOptions {
  host: string;
  cbPort: number;
  sfPort: number;
  seed: string;
  cbSeed?: string;
  sfSeed?: string;
  seedNumber: number;
  stateFile?: string;
  latency: number;
  blockMs: number;
  sfDailyLimit: number;
}

/** Both emulators, seeded, until a signal stops them; prints what a configuration needs. */
export async function runSandbox(options: SandboxOptions, out: (line: string) => void): Promise<void> {
  const username = process.env.CB_USERNAME || DEFAULT_USER.username;
  const password = process.env.CB_PASSWORD || DEFAULT_USER.password;
  const cb = await startCleverbridgeSandbox({
    host: options.host,
    port: options.cbPort,
    seed: options.cbSeed ?? options.seed,
    seedNumber: options.seedNumber,
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
    users: [{ username, password, clientIds: [...DEFAULT_USER.clientIds] }],
    faults: { latencyMs: options.latency },
    rateLimit: { blockMs: options.blockMs },
  });
  const clientId = process.env.SF_CLIENT_ID || DEFAULT_SF_CLIENT.clientId;
  const clientSecret = process.env.SF_CLIENT_SECRET || DEFAULT_SF_CLIENT.clientSecret;
  let sf;
  try {
    sf = await startSalesforceSandbox({
      host: options.host,
      port: options.sfPort,
      seed: options.sfSeed ?? options.seed,
      seedNumber: options.seedNumber,
      clients: [{ clientId, clientSecret }],
      dailyApiLimit: options.sfDailyLimit,
      faults: { latencyMs: options.latency },
    });
  } catch (error) {
    await cb.close();
    throw error;
  }
  out(`cleverbridge GraphQL sandbox: ${cb.graphqlUrl}`);
  out(`  user ${username}, password ${password}, client ${DEFAULT_USER.clientIds.join(', ')}`);
  out(
    `  seed ${options.cbSeed ?? options.seed}: ${cb.store.size} products; control routes under ${cb.baseUrl}/__sandbox/`,
  );
  out(`  CB_GRAPHQL_URL=${cb.graphqlUrl} CB_USERNAME=${username} CB_PASSWORD=${password} CB_CLIENT_ID=864`);
  out(`Salesforce REST sandbox: login URL ${sf.loginUrl}`);
  out(`  client id ${clientId}, client secret ${clientSecret} (client credentials flow)`);
  out(`  user ${sf.credentials.username}, password ${sf.credentials.password}; API version ${sf.apiVersion}`);
  out(
    `  seed ${options.sfSeed ?? options.seed}: ${sf.db.count('Product2')} products; control routes under ${sf.instanceUrl}/__sandbox/`,
  );
  out(
    `  SF_LOGIN_URL=${sf.loginUrl} SF_CLIENT_ID=${clientId} SF_CLIENT_SECRET=${clientSecret} SF_API_VERSION=${sf.apiVersion}`,
  );
  out('Press Ctrl-C to stop.');
  const signal = await untilStopped();
  out(`${signal}: stopping the sandbox`);
  await Promise.all([cb.close(), sf.close()]);
}
