import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { planForReview } from '../sync/plan-for-review.js';
import type { PlanDeps } from '../sync/dispatch.js';
import { parsePlan, PlanFileError, serializePlan, type SavedPlan } from '../sync/saved-plan.js';
import type { PlanReport } from '../sync/types.js';

/** Plans a full sync and saves it for review; the file appears whole or not at all. */
export async function savePlanFile(deps: PlanDeps, path: string, allowMassDelete: boolean): Promise<PlanReport> {
  const { report, saved } = await planForReview(deps, allowMassDelete);
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, serializePlan(saved));
  renameSync(partial, path);
  return report;
}

/** A saved plan read from `path`; PlanFileError when it cannot be read as one. */
export function loadPlanFile(path: string): SavedPlan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PlanFileError('PLAN_FILE_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`);
  }
  return parsePlan(text);
}
