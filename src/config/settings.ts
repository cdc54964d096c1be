import { existsSync, readFileSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';
import { ConfigError } from './config-error.js';

/**
 * The daemon's settings: config/catalog-sync.json for what a deployment rarely changes, then
 * environment variables for what an operator sets per deployment; secrets only from the
 * environment. Every problem names the variable or key to fix.
 */

const url = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .min(1, `${name} is required`)
    .refine((v) => URL.canParse(v) && /^https?:/.test(v), `${name} must be an http(s) URL`);
const secret = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} is required`);
const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const cronExpression = (name: string) =>
  z.string().superRefine((v, ctx) => {
    if (!cron.validate(v)) {
      ctx.addIssue({
        code: 'custom',
        message: `${name}: "${v}" is not a cron expression (five or six fields, e.g. */5 * * * *)`,
      });
    }
  });

/**
 * Salesforce retired API versions 7.0 to 30.0 (Summer '22 and Summer '25): a call to one answers
 * 410 GONE, so such a setting is refused at start rather than on the first run.
 */
export const OLDEST_SALESFORCE_API_VERSION = 31;

/** An API version such as 62.0; a problem is reported under the variable's or key's name. */
const salesforceApiVersion = () =>
  z
    .string()
    .regex(/^\d+\.0$/, 'must look like 62.0')
    .refine(
      (v) => Number(v) >= OLDEST_SALESFORCE_API_VERSION,
      `must be ${OLDEST_SALESFORCE_API_VERSION}.0 or later: Salesforce retired API versions 30.0 and older (they answer 410 GONE)`,
    );

/** cleverbridge's documented limit: 30 requests per second per IP address, all its API users together. */
export const CLEVERBRIDGE_RATE_LIMIT = 30;
/** The most requests at a time cleverbridge advises. */
export const CLEVERBRIDGE_MAX_CONCURRENCY = 4;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const CHANGE_EVENTS_DEFAULTS = { enabled: true, coalesceMs: 500, backstopMinutes: 15 };

/** The file's keys (all optional; defaults below). */
const fileSchema = z
  .object({
    mappingFile: z.string().default('config/mapping.json'),
    stateDb: z.string().default('state/catalog-sync.db'),
    salesforce: z
      .object({
        apiVersion: salesforceApiVersion().default('62.0'),
      })
      .strict()
      .default({ apiVersion: '62.0' }),
    cleverbridge: z
      .object({
        batchSize: z.number().int().min(1).max(100).default(50),
        requestsPerSecond: z.number().positive().max(CLEVERBRIDGE_RATE_LIMIT).default(25),
        concurrency: z.number().int().min(1).max(CLEVERBRIDGE_MAX_CONCURRENCY).default(4),
        timeoutMs: z.number().int().positive().default(60_000),
      })
      .strict()
      .default({ batchSize: 50, requestsPerSecond: 25, concurrency: 4, timeoutMs: 60_000 }),
    sync: z
      .object({
        driftPolicy: z.enum(['overwrite', 'report']).default('overwrite'),
        deletePolicy: z.enum(['delete', 'deactivate']).default('delete'),
        massDeleteMaxCount: z.number().int().min(0).default(25),
        massDeleteMaxPercent: z.number().min(0).max(100).default(10),
        overlapSeconds: z.number().int().min(0).max(86_400).default(120),
        changeEvents: z
          .object({
            enabled: z.boolean().default(true),
            coalesceMs: z.number().int().min(0).max(60_000).default(500),
            backstopMinutes: z.number().int().min(1).max(1440).default(15),
          })
          .strict()
          .default(CHANGE_EVENTS_DEFAULTS),
      })
      .strict()
      .default({
        driftPolicy: 'overwrite',
        deletePolicy: 'delete',
        massDeleteMaxCount: 25,
        massDeleteMaxPercent: 10,
        overlapSeconds: 120,
        changeEvents: CHANGE_EVENTS_DEFAULTS,
      }),
    daemon: z
      .object({
        syncSchedule: cronExpression('daemon.syncSchedule').default('*/5 * * * *'),
        fullSyncSchedule: cronExpression('daemon.fullSyncSchedule').default('0 3 * * *'),
        controlHost: z.string().min(1).default('127.0.0.1'),
        controlPort: z.number().int().min(0).max(65_535).default(8080),
        shutdownTimeoutMs: z.number().int().positive().default(30_000),
      })
      .strict()
      .default({
        syncSchedule: '*/5 * * * *',
        fullSyncSchedule: '0 3 * * *',
        controlHost: '127.0.0.1',
        controlPort: 8080,
        shutdownTimeoutMs: 30_000,
      }),
  })
  .strict();

export interface DaemonSettings {
  /** When incremental runs start (node-cron; a sixth, leading field counts seconds). */
  syncSchedule: string;
  /** When full resyncs start. */
  fullSyncSchedule: string;
  controlHost: string;
  controlPort: number;
  /** Bearer token for POST /sync and GET /plan; null disables them. */
  controlToken: string | null;
  logLevel: (typeof LOG_LEVELS)[number];
  /** How long SIGTERM waits for in-flight requests to settle before giving up. */
  shutdownTimeoutMs: number;
}

export interface Settings {
  mappingFile: string;
  stateDb: string;
  salesforce: {
    loginUrl: string;
    clientId: string;
    clientSecret: string;
    username: string | null;
    password: string | null;
    apiVersion: string;
  };
  cleverbridge: {
    url: string;
    username: string;
    password: string;
    clientId: number;
    batchSize: number;
    requestsPerSecond: number;
    concurrency: number;
    timeoutMs: number;
  };
  sync: {
    driftPolicy: 'overwrite' | 'report';
    deletePolicy: 'delete' | 'deactivate';
    massDelete: { maxCount: number; maxShare: number };
    /**
     * An incremental run reads from this long before its cursor: a record is stamped when it is
     * written but may commit later, and Salesforce keeps only whole seconds.
     */
    overlapSeconds: number;
    /**
     * Follow Salesforce's change events (when the org publishes them for Product2): the records
     * they name gather for `coalesceMs`, then one run syncs them; while events flow, the poll
     * runs every `backstopMinutes` only.
     */
    changeEvents: { enabled: boolean; coalesceMs: number; backstopMinutes: number };
  };
  daemon: DaemonSettings;
}

type Env = Readonly<Record<string, string | undefined>>;

function readFile(path: string | undefined): unknown {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`CONFIG_FILE: cannot read ${path}: ${(error as Error).message}`);
  }
}

const optional = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

/** The environment variables an operator sets per deployment, each checked and named. */
const envSchema = z.object({
  SF_LOGIN_URL: url('SF_LOGIN_URL'),
  SF_CLIENT_ID: secret('SF_CLIENT_ID'),
  SF_CLIENT_SECRET: secret('SF_CLIENT_SECRET'),
  SF_USERNAME: z.string().optional(),
  SF_PASSWORD: z.string().optional(),
  SF_API_VERSION: salesforceApiVersion().optional(),
  CB_GRAPHQL_URL: url('CB_GRAPHQL_URL'),
  CB_USERNAME: secret('CB_USERNAME'),
  CB_PASSWORD: secret('CB_PASSWORD'),
  CB_CLIENT_ID: wholeNumber('CB_CLIENT_ID', 1, 2 ** 31 - 1),
  CB_BATCH_SIZE: wholeNumber('CB_BATCH_SIZE', 1, 100).optional(),
  CB_REQUESTS_PER_SECOND: z.coerce
    .number()
    .positive('CB_REQUESTS_PER_SECOND must be above 0')
    .max(30, "CB_REQUESTS_PER_SECOND must be at most 30, cleverbridge's limit")
    .optional(),
  STATE_DB: z.string().min(1).optional(),
  SYNC_SCHEDULE: cronExpression('SYNC_SCHEDULE').optional(),
  CHANGE_EVENTS: z.enum(['on', 'off'], { error: 'CHANGE_EVENTS must be on or off' }).optional(),
  FULL_SYNC_SCHEDULE: cronExpression('FULL_SYNC_SCHEDULE').optional(),
  CONTROL_HOST: z.string().min(1).optional(),
  CONTROL_PORT: wholeNumber('CONTROL_PORT', 0, 65_535).optional(),
  CONTROL_TOKEN: z.string().min(16, 'CONTROL_TOKEN must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  MAPPING_FILE: z.string().min(1).optional(),
});

/**
 * Where the state file is, for a command that needs nothing else (`status`): STATE_DB, then the
 * config file's `stateDb` (CATALOG_SYNC_CONFIG, else config/catalog-sync.json when it exists).
 */
export function stateDbSetting(env: Env): string {
  const fromEnv = optional(env.STATE_DB);
  if (fromEnv) return fromEnv;
  const configFile = env.CATALOG_SYNC_CONFIG ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  const file = fileSchema.safeParse(readFile(configFile));
  if (!file.success) throw ConfigError.fromZod(configFile ?? 'config', file.error);
  return file.data.stateDb;
}

const DEFAULT_CONFIG = 'config/catalog-sync.json';

type EnvSettings = z.infer<typeof envSchema>;
type FileSettings = z.infer<typeof fileSchema>;

/** Reads and validates everything; throws one ConfigError listing every problem. */
export function loadSettings(env: Env, configFile: string | undefined): Settings {
  const fileResult = fileSchema.safeParse(readFile(configFile));
  if (!fileResult.success) throw ConfigError.fromZod(configFile ?? 'config', fileResult.error);
  const picked = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, optional(env[k])]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    // Environment problems are named by the variable alone.
    const problems = parsed.error.issues.map((i) =>
      i.message.startsWith(String(i.path[0])) ? i.message : `${String(i.path[0])}: ${i.message}`,
    );
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`, problems);
  }
  return merge(parsed.data, fileResult.data);
}

/** The environment wins over the file, setting by setting. */
function merge(e: EnvSettings, file: FileSettings): Settings {
  return {
    mappingFile: e.MAPPING_FILE ?? file.mappingFile,
    stateDb: e.STATE_DB ?? file.stateDb,
    salesforce: {
      loginUrl: e.SF_LOGIN_URL,
      clientId: e.SF_CLIENT_ID,
      clientSecret: e.SF_CLIENT_SECRET,
      username: e.SF_USERNAME ?? null,
      password: e.SF_PASSWORD ?? null,
      apiVersion: e.SF_API_VERSION ?? file.salesforce.apiVersion,
    },
    cleverbridge: {
      url: e.CB_GRAPHQL_URL,
      username: e.CB_USERNAME,
      password: e.CB_PASSWORD,
      clientId: e.CB_CLIENT_ID,
      batchSize: e.CB_BATCH_SIZE ?? file.cleverbridge.batchSize,
      requestsPerSecond: e.CB_REQUESTS_PER_SECOND ?? file.cleverbridge.requestsPerSecond,
      concurrency: file.cleverbridge.concurrency,
      timeoutMs: file.cleverbridge.timeoutMs,
    },
    sync: {
      driftPolicy: file.sync.driftPolicy,
      deletePolicy: file.sync.deletePolicy,
      massDelete: { maxCount: file.sync.massDeleteMaxCount, maxShare: file.sync.massDeleteMaxPercent / 100 },
      overlapSeconds: file.sync.overlapSeconds,
      changeEvents: {
        ...file.sync.changeEvents,
        enabled: e.CHANGE_EVENTS === undefined ? file.sync.changeEvents.enabled : e.CHANGE_EVENTS === 'on',
      },
    },
    daemon: {
      syncSchedule: e.SYNC_SCHEDULE ?? file.daemon.syncSchedule,
      fullSyncSchedule: e.FULL_SYNC_SCHEDULE ?? file.daemon.fullSyncSchedule,
      controlHost: e.CONTROL_HOST ?? file.daemon.controlHost,
      controlPort: e.CONTROL_PORT ?? file.daemon.controlPort,
      controlToken: e.CONTROL_TOKEN ?? null,
      logLevel: e.LOG_LEVEL ?? 'info',
      shutdownTimeoutMs: file.daemon.shutdownTimeoutMs,
    },
  };
}
