import { notFound } from '../errors.js';
import { handleCollections } from './collections-resource.js';
import { handleQuery } from './query-resource.js';
import { answer, methodNotAllowed, type RestAnswer, type RestEnv, type RestRequest } from './rest-types.js';
import { handleSObjects } from './sobject-resource.js';

/**
 * API versions the org serves: 31.0 (Summer '14) to 66.0 (Spring '26). 7.0 to 20.0 were retired
 * in Summer '22 and 21.0 to 30.0 in Summer '25; a retired version answers 410 GONE (API
 * End-of-Life Policy). SOAP login ends before 65.0 (see soap-login.ts).
 */
export const MIN_API_VERSION = 31;
export const MAX_API_VERSION = 66;
/** The oldest version the End-of-Life Policy lists as retired; below it a version is unknown (404). */
export const OLDEST_RETIRED_API_VERSION = 7;
/** The version the CLI advertises in SF_API_VERSION. */
export const DEFAULT_API_VERSION = '62.0';

/** Release names follow the version: 20.0 was Winter '11, then Spring, Summer, Winter each year. */
function releaseLabel(version: number): string {
  const n = version - 20;
  return `${['Winter', 'Spring', 'Summer'][n % 3]} '${11 + Math.floor(n / 3)}`;
}

/** GET /services/data: the versions this org speaks (no authentication needed). */
export function versionList(): unknown[] {
  const list = [];
  for (let v = MIN_API_VERSION; v <= MAX_API_VERSION; v++)
    list.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  return list;
}

function resources(version: string) {
  const base = `/services/data/v${version}`;
  return {
    limits: `${base}/limits`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    sobjects: `${base}/sobjects`,
    ...(Number(version) >= 42 ? { composite: `${base}/composite` } : {}),
  };
}

/** Bulk API 2.0 query jobs per rolling 24 hours (Bulk API 2.0 Limits and Allocations). */
const DAILY_BULK_V2_QUERY_JOBS = 10_000;
/** File storage: an Enterprise Edition org's 10 GB base allocation. */
const FILE_STORAGE_MB = 10_240;

/**
 * GET /limits: `{Name: {Max, Remaining}}`, names in alphabetical order as Salesforce lists them.
 * DailyApiRequests is the real allocation; the sandbox has no Bulk API and stores no files, so
 * those two are never used.
 */
function limits(env: RestEnv) {
  const store = env.org.store;
  const records = env.org.schema.objects().reduce((n, o) => n + store.count(o), 0);
  const usedMb = Math.ceil((records * 2) / 1024);
  return {
    DailyApiRequests: { Max: env.usage.limit, Remaining: Math.max(0, env.usage.limit - env.usage.used()) },
    DailyBulkV2QueryJobs: { Max: DAILY_BULK_V2_QUERY_JOBS, Remaining: DAILY_BULK_V2_QUERY_JOBS },
    DataStorageMB: { Max: env.dataStorageMb, Remaining: Math.max(0, env.dataStorageMb - usedMb) },
    FileStorageMB: { Max: FILE_STORAGE_MB, Remaining: FILE_STORAGE_MB },
  };
}

/** Dispatches an authenticated, counted call under /services/data/vXX.X/. */
export async function routeRest(req: RestRequest, env: RestEnv): Promise<RestAnswer> {
  const head = req.segments[0];
  switch (head) {
    case undefined:
      if (req.method !== 'GET') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
      return answer(200, resources(req.version), 'resources');
    case 'query':
    case 'queryAll':
      return handleQuery(req, env, head === 'queryAll');
    case 'sobjects':
      return handleSObjects(req, env);
    case 'composite':
      if (req.segments[1] === 'sobjects') return handleCollections(req, env);
      throw notFound();
    case 'limits':
      if (req.method !== 'GET') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
      if (req.segments.length > 1) throw notFound();
      return answer(200, limits(env), 'limits');
    default:
      throw notFound();
  }
}
