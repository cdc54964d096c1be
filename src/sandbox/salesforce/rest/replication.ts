import { formatDateTime, parseDateTime, toMinute } from '../datetime.js';
import { SfError, SfErrorCode } from '../errors.js';
import type { SObjectDef } from '../schema/model.js';
import type { RestEnv, RestRequest } from './rest-types.js';

const DAY = 24 * 60 * 60_000;
/** How far back getUpdated/getDeleted may start, and how long deleted records stay listed. */
const START_LIMIT_DAYS = 30;
const DELETE_LOG_DAYS = 15;
/** Ids one call may return before EXCEEDED_ID_LIMIT. */
const MAX_IDS = 600_000;

const replicationError = (message: string) => new SfError(400, SfErrorCode.InvalidReplicationDate, message);

function dateParam(req: RestRequest, name: string): number {
  const raw = req.params.get(name);
  if (raw === null) throw new SfError(400, SfErrorCode.MissingArgument, `Missing required parameter: ${name}`);
  const ms = parseDateTime(raw);
  if (ms === null) throw replicationError(`${name} is not a valid dateTime: ${raw}`);
  return ms;
}

/**
 * GET /sobjects/{type}/deleted and /updated?start=&end=: records whose SystemModstamp falls in
 * [start, end), both rounded down to the minute as the platform ignores seconds. Deleted
 * records are listed for 15 days; `start` may not lie more than 30 days back.
 */
export function replicationWindow(req: RestRequest, env: RestEnv, object: SObjectDef, kind: 'deleted' | 'updated') {
  const start = toMinute(dateParam(req, 'start'));
  const end = toMinute(dateParam(req, 'end'));
  const now = env.org.now();
  if (start >= end) throw replicationError('startDate must chronologically precede endDate');
  if (start < now - START_LIMIT_DAYS * DAY)
    throw replicationError(`startDate cannot be more than ${START_LIMIT_DAYS} days ago`);
  const latest = Math.min(end, toMinute(now));
  const earliest = toMinute(Math.max(env.org.createdAt, now - DELETE_LOG_DAYS * DAY));
  const deleted = kind === 'deleted';
  const found: Array<{ id: string; at: number }> = [];
  // The delete log outlives the recycle bin: a deletion purged from the bin is still listed.
  const purged = deleted
    ? [...env.org.store.purgedDeletions(object)].map(([Id, at]) => ({ Id, SystemModstamp: at }))
    : [];
  for (const r of [...env.org.store.table(object).values(), ...purged]) {
    const stamp = r.SystemModstamp as number;
    const isDeleted = 'IsDeleted' in r ? r.IsDeleted === true : true;
    if (isDeleted !== deleted || stamp < start || stamp >= latest || (deleted && stamp < earliest)) continue;
    found.push({ id: r.Id as string, at: stamp });
    if (found.length > MAX_IDS)
      throw new SfError(
        400,
        SfErrorCode.ExceededIdLimit,
        'More than 600,000 ids match; choose start and end dates closer together',
      );
  }
  if (!deleted) return { ids: found.map((f) => f.id), latestDateCovered: formatDateTime(latest) };
  return {
    deletedRecords: found.map((f) => ({ id: f.id, deletedDate: formatDateTime(f.at) })),
    earliestDateAvailable: formatDateTime(earliest),
    latestDateCovered: formatDateTime(latest),
  };
}
