import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Plan, PlanEntry } from '../core/plan-types.js';
import { stableStringify } from '../core/product.js';
import type { SfRecord } from '../core/salesforce-product.js';
import type { PlanBasis } from './plan-basis.js';

/** The plan file's format; a file of another is refused, never guessed at. */
export const PLAN_FORMAT = 'catalog-sync-plan/1';

/**
 * A plan saved for review (`catalog-sync plan --out`), for `catalog-sync apply` to send exactly
 * it: its entries, what it was made from, and what Salesforce showed of each product's sync
 * status (the write-back writes only what changed).
 */
export interface SavedPlan {
  format: typeof PLAN_FORMAT;
  madeAt: string;
  /** Made with --allow-mass-delete: only then are held deletes released. */
  allowMassDelete: boolean;
  basis: PlanBasis;
  /** The entries that change something (a mutation, a snapshot row, a record error, a status). */
  plan: Plan;
  /** Each planned product's write-back fields as Salesforce showed them, by key. */
  shown: Record<string, SfRecord>;
  /** The records out of scope the plan's leaves are about, as read. */
  outOfScope: SfRecord[];
}

/** Why a plan file cannot be applied as it is; `code` is stable. */
export class PlanFileError extends Error {
  constructor(
    readonly code: 'PLAN_FILE_UNREADABLE' | 'PLAN_FILE_FORMAT' | 'PLAN_FILE_EDITED',
    message: string,
  ) {
    super(message);
    this.name = 'PlanFileError';
  }
}

/** Plain noops change nothing: left out of the file, so it holds what a review needs to read. */
export const changesSomething = (e: PlanEntry): boolean =>
  e.action !== 'noop' || e.refresh || e.forget === true || e.note !== undefined;

const digestOf = (body: unknown): string => createHash('sha256').update(stableStringify(body)).digest('hex');

/** The file's text: the plan and a digest of it, so an edited file is refused rather than sent. */
export function serializePlan(saved: SavedPlan): string {
  const body = JSON.parse(JSON.stringify(saved)) as unknown;
  return `${JSON.stringify({ ...(body as object), digest: digestOf(body) }, null, 2)}\n`;
}

const envelope = z.object({
  format: z.string(),
  madeAt: z.string(),
  allowMassDelete: z.boolean(),
  basis: z.object({
    config: z.string(),
    salesforce: z.record(
      z.string(),
      z.object({ count: z.number(), newest: z.string().nullable(), newestSecond: z.string() }),
    ),
    snapshot: z.string(),
    cleverbridge: z.record(z.string(), z.string().nullable()),
  }),
  plan: z.object({ entries: z.array(z.object({ key: z.string(), action: z.string() }).passthrough()) }).passthrough(),
  shown: z.record(z.string(), z.record(z.string(), z.unknown())),
  outOfScope: z.array(z.record(z.string(), z.unknown())),
  digest: z.string(),
});

/** A plan file read back; refused when it is not one, is of another format, or was edited. */
export function parsePlan(text: string): SavedPlan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError('PLAN_FILE_UNREADABLE', `not a plan file: ${(error as Error).message}`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format === 'string' && format !== PLAN_FORMAT)
    throw new PlanFileError('PLAN_FILE_FORMAT', `a plan of format ${format}; this catalog-sync reads ${PLAN_FORMAT}`);
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlanFileError(
      'PLAN_FILE_UNREADABLE',
      `not a plan file: ${issue.path.join('.') || 'the file'}: ${issue.message}`,
    );
  }
  const { digest, ...body } = raw as Record<string, unknown>;
  if (digest !== digestOf(body))
    throw new PlanFileError(
      'PLAN_FILE_EDITED',
      'the plan file was changed after it was written (its digest does not match): make a new plan',
    );
  return body as unknown as SavedPlan;
}
