import type { Settings } from '../config/settings.js';
import { managedFields, type MappingConfig } from '../core/mapping-config.js';
import { plan } from '../core/plan.js';
import type { Plan, PlanOptions } from '../core/plan-types.js';

export const planOptions = (settings: Settings, mapping: MappingConfig, allowMassDelete: boolean): PlanOptions => ({
  managedFields: managedFields(mapping),
  driftPolicy: settings.sync.driftPolicy,
  deletePolicy: settings.sync.deletePolicy,
  massDelete: settings.sync.massDelete,
  allowMassDelete,
  batchSize: settings.cleverbridge.batchSize,
  requestsPerSecond: settings.cleverbridge.requestsPerSecond,
});

/** Plans, measuring the CPU time the pure planner takes (reported per run; benchmarked). */
export function timedPlan(...args: Parameters<typeof plan>): { plan: Plan; planCpuMs: number } {
  const before = process.cpuUsage();
  const made = plan(...args);
  const used = process.cpuUsage(before);
  return { plan: made, planCpuMs: (used.user + used.system) / 1000 };
}
