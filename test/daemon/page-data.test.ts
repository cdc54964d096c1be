import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageData, type PageDataDeps } from '../../src/daemon/status-page/page-data.js';
import type { RunKind } from '../../src/state/run-repo.js';
import { StateStore } from '../../src/state/state-store.js';
import { namedProduct } from '../helpers/products.js';

const ID = '01t5g0000000001AAA';

describe('the status page data', () => {
  let store: StateStore;
  let instanceUrl: string | null;
  beforeEach(() => {
    store = StateStore.open(join(mkdtempSync(join(tmpdir(), 'page-')), 'state.db'));
    instanceUrl = 'https://shieldware.my.salesforce.com/';
  });
  afterEach(() => store.close());

  const deps = (): PageDataDeps => ({
    store,
    current: () => null,
    schedules: () => ({}),
    changeEvents: () => null,
    instanceUrl: () => instanceUrl,
    apiUsage: () => null,
    defaultLanguage: 'EN',
  });
  const run = (kind: RunKind, summary: object) => {
    const id = store.runs.start(kind, 'schedule', false, 't0');
    store.runs.finish(id, 'partial', summary, null, 't1');
    return id;
  };
  const held = { deletesHeld: '3 of 9 managed products would be deleted', heldDeletes: [] as object[] };

  it('links a record to the instance Salesforce gave, and never links what is not a Product2 id or an http(s) URL', () => {
    const id = run('full', {});
    store.runs.recordErrors(id, ID, 'A', [{ code: 'X', message: 'x' }]);
    store.runs.recordErrors(id, 'javascript:alert(1)', 'B', [{ code: 'X', message: 'x' }]);
    expect(pageData(deps()).errors.map((e) => e.link)).toEqual([
      `https://shieldware.my.salesforce.com/lightning/r/Product2/${ID}/view`,
      null,
    ]);
    instanceUrl = 'javascript:alert(1)//';
    expect(pageData(deps()).errors.map((e) => e.link)).toEqual([null, null]);
  });

  it('shows the held deletes of the newest run that held some, with their names, until a full run holds none', () => {
    store.snapshot.upsert(ID, 7, namedProduct('Cloudbit', 1), 't');
    const holding = run('full', { ...held, heldDeletes: [{ key: ID, cbId: 7, reason: 'deleted-in-salesforce' }] });
    run('incremental', {}); // an incremental run that planned no delete says nothing of them
    expect(pageData(deps()).held).toEqual({
      runId: holding,
      reason: held.deletesHeld,
      deletes: [
        {
          key: ID,
          cbId: 7,
          reason: 'deleted-in-salesforce',
          label: 'Cloudbit',
          link: `https://shieldware.my.salesforce.com/lightning/r/Product2/${ID}/view`,
        },
      ],
    });
    run('full', {});
    expect(pageData(deps()).held).toBeNull();
  });
});
