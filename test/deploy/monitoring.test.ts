import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { killDaemon, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.js';
import { startWorld, type World } from '../helpers/world.js';

type Json = Record<string, any>;
const file = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const alerts = parse(file('deploy/prometheus/alerts.yml')) as Json;
const dashboard = JSON.parse(file('deploy/grafana/catalog-sync.json')) as Json;
const rules = (alerts.groups as Json[]).flatMap((g) => g.rules as Json[]);
const panels = (dashboard.panels as Json[]).filter((p) => p.type !== 'row');
/** The metric names an expression reads (PromQL's functions and labels are not catalog_sync_*). */
const namesIn = (expr: string) => [...expr.matchAll(/\bcatalog_sync_[a-z0-9_]+/g)].map((m) => m[0]);

describe('the alert rules and the dashboard shipped in deploy/', () => {
  let world: World;
  let daemon: DaemonProcess | undefined;
  /** Every metric /metrics exports, by name, with its type. */
  const exported = new Map<string, string>();
  beforeAll(async () => {
    world = await startWorld({ cb: { seed: 'empty' } });
    daemon = startDaemonProcess(world, { SYNC_SCHEDULE: '0 0 1 1 *', FULL_SYNC_SCHEDULE: '0 0 1 1 *' });
    await daemon.waitForLog((l) => l.msg === 'run finished');
    await daemon.waitForLog((l) => l.msg === 'change events' && l.state === 'up');
    const text = await (await fetch(`${daemon.url}/metrics`)).text();
    for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) exported.set(name!, type!);
  });
  afterAll(async () => {
    await killDaemon(daemon);
    await world.close();
  });

  /** A series name as /metrics exports it: a histogram's _bucket, _sum and _count are its own. */
  const isExported = (name: string) => {
    const base = name.replace(/_(bucket|sum|count)$/, '');
    return exported.has(name) || (base !== name && exported.get(base) === 'histogram');
  };

  it('alert on what the daemon exports, each rule with a severity and a summary', () => {
    expect(rules.map((r) => r.alert)).toEqual([
      'CatalogSyncRunFailed',
      'CatalogSyncNoCompletedRun',
      'CatalogSyncNeverCompleted',
      'CatalogSyncDeletesHeld',
      'CatalogSyncRateLimited',
      'CatalogSyncSalesforceApiUsageHigh',
      'CatalogSyncChangeEventsDown',
    ]);
    for (const rule of rules) {
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
      expect(typeof rule.annotations?.summary, rule.alert).toBe('string');
      if (rule.for !== undefined) expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      const names = namesIn(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) expect(isExported(name), `${rule.alert}: ${name}`).toBe(true);
    }
  });

  it('chart only what the daemon exports, every panel placed and with a query', () => {
    expect(dashboard).toMatchObject({ uid: 'catalog-sync', title: 'catalog-sync' });
    expect(new Set((dashboard.panels as Json[]).map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of panels) {
      expect(panel.gridPos, panel.title).toMatchObject({ w: expect.any(Number), h: expect.any(Number) });
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets as Json[])
        for (const name of namesIn(target.expr)) expect(isExported(name), `${panel.title}: ${name}`).toBe(true);
    }
    // The dashboard covers every metric of catalog-sync's own (the process metrics aside).
    const charted = new Set(panels.flatMap((p) => (p.targets as Json[]).flatMap((t) => namesIn(t.expr))));
    const own = [...exported.keys()].filter((n) => !n.startsWith('catalog_sync_process_'));
    const base = (n: string) => n.replace(/_(bucket|sum|count)$/, '');
    for (const name of own) expect([...charted].map(base), name).toContain(name);
  });
});
