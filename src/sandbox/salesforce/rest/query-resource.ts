import { malformedQuery, notFound, unsupportedSoql } from '../errors.js';
import {
  answer,
  methodNotAllowed,
  requireVersion,
  type RestAnswer,
  type RestEnv,
  type RestRequest,
} from './rest-types.js';

export const DEFAULT_BATCH_SIZE = 2000;
export const MIN_BATCH_SIZE = 200;

/**
 * The batch size from `Sforce-Query-Options: batchSize=N`. Salesforce documents 200 to 2000 and
 * does not guarantee the size asked for, so a value outside the range is brought inside it.
 */
export function batchSizeOf(req: RestRequest): number {
  const header = req.headers['sforce-query-options'];
  const m = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : (header ?? ''));
  if (!m) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(m[1])));
}

/**
 * GET query?q=, queryAll?q= (the recycle bin included), and query/{locator} or
 * queryAll/{locator} for the following batches.
 */
export function handleQuery(req: RestRequest, env: RestEnv, all: boolean): RestAnswer {
  if (req.method !== 'GET') throw methodNotAllowed(req.method, ['GET', 'HEAD']);
  if (all) requireVersion(req, 29);
  const batchSize = batchSizeOf(req);
  const locator = req.segments[1];
  if (req.segments.length > 2) throw notFound();
  if (locator) return answer(200, env.org.pager.pageAt(locator, req.version, batchSize), 'queryMore');
  if (req.params.has('explain')) throw unsupportedSoql('The explain parameter (query plans)');
  const soql = req.params.get('q');
  if (soql === null || soql.trim() === '') throw malformedQuery('A query string has to be specified');
  const result = env.org.query(soql, { includeDeleted: all, version: req.version, batchSize, schema: req.schema });
  return answer(200, result, all ? 'queryAll' : 'query');
}
