import type { Settings } from '../config/settings.js';
import { managedFields, type MappingConfig } from '../core/mapping-config.js';
import type { PlanOptions } from '../core/plan-types.js';

export const planOptions = (settings: Settings, mapping: MappingConfig, allowMassDelete: boolean): PlanOptions => ({
  managedFields: managedFields(mapping),
  driftPolicy: settings.sync.driftPolicy,
  deletePolicy: settings.sync.deletePolicy,
  leavePolicy: mapping.scope.leavePolicy,
  massDelete: settings.sync.massDelete,
  allowMassDelete,
  batchSize: settings.cleverbridge.batchSize,
  requestsPerSecond: settings.cleverbridge.requestsPerSecond,
});
