import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, stateDbSetting } from '../../src/config/settings.js';
import { minimalEnv, problems } from '../helpers/settings-env.js';

const env = minimalEnv;
const shipped = new URL('../../config/catalog-sync.json', import.meta.url).pathname;

describe('settings', () => {
  it('reads the shipped file and the environment', () => {
    const s = loadSettings({ ...env, CB_BATCH_SIZE: '20' }, shipped);
    expect(s.cleverbridge).toMatchObject({
      url: env.CB_GRAPHQL_URL,
      clientId: 864,
      batchSize: 20,
      requestsPerSecond: 25,
      concurrency: 4,
    });
    expect(s.salesforce).toMatchObject({ loginUrl: env.SF_LOGIN_URL, apiVersion: '62.0', username: null });
    expect(s.sync).toEqual({
      driftPolicy: 'overwrite',
      deletePolicy: 'delete',
      massDelete: { maxCount: 25, maxShare: 0.1 },
      overlapSeconds: 120,
      changeEvents: { enabled: true, coalesceMs: 500, backstopMinutes: 15 },
    });
    expect(s.stateDb).toBe('state/catalog-sync.db');
  });

  it.each([
    ['a missing CB_GRAPHQL_URL', { CB_GRAPHQL_URL: undefined }, 'CB_GRAPHQL_URL is required'],
    ['an empty secret', { CB_PASSWORD: '' }, 'CB_PASSWORD is required'],
    ['a URL that is not one', { SF_LOGIN_URL: 'login.salesforce.com' }, 'SF_LOGIN_URL must be an http(s) URL'],
    ['a non-numeric client id', { CB_CLIENT_ID: 'shieldware' }, 'CB_CLIENT_ID must be a whole number'],
    ['a batch size over 100', { CB_BATCH_SIZE: '500' }, 'CB_BATCH_SIZE must be at most 100'],
    ['change events neither on nor off', { CHANGE_EVENTS: 'yes' }, 'CHANGE_EVENTS must be on or off'],
    [
      'a rate over the platform limit',
      { CB_REQUESTS_PER_SECOND: '40' },
      "CB_REQUESTS_PER_SECOND must be at most 30, cleverbridge's limit",
    ],
  ])('refuses %s, naming the variable', (_name, change, message) => {
    expect(problems(() => loadSettings({ ...env, ...change }, shipped))).toContain(message);
  });

  it('lists every problem at once', () => {
    expect(problems(() => loadSettings({}, shipped)).length).toBeGreaterThanOrEqual(7);
  });

  it('turns change events off from the environment, over the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'settings-')), 'catalog-sync.json');
    writeFileSync(file, JSON.stringify({ sync: { changeEvents: { coalesceMs: 200 } } }));
    expect(loadSettings(env, file).sync.changeEvents).toEqual({ enabled: true, coalesceMs: 200, backstopMinutes: 15 });
    expect(loadSettings({ ...env, CHANGE_EVENTS: 'off' }, file).sync.changeEvents.enabled).toBe(false);
    writeFileSync(file, JSON.stringify({ sync: { changeEvents: { enabled: false } } }));
    expect(loadSettings(env, file).sync.changeEvents.enabled).toBe(false);
    expect(loadSettings({ ...env, CHANGE_EVENTS: 'on' }, file).sync.changeEvents.enabled).toBe(true);
  });

  it('names a bad key of the file by its path', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'settings-')), 'catalog-sync.json');
    writeFileSync(file, JSON.stringify({ cleverbridge: { concurrency: 9 }, sync: { deletePolicy: 'shred' } }));
    const list = problems(() => loadSettings(env, file));
    expect(list.some((p) => p.startsWith(`${file}.cleverbridge.concurrency:`))).toBe(true);
    expect(list.some((p) => p.startsWith(`${file}.sync.deletePolicy:`))).toBe(true);
  });

  it('finds the state file for `status` from STATE_DB, then the config file, with no other setting', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'settings-')), 'catalog-sync.json');
    writeFileSync(file, JSON.stringify({ stateDb: '/var/lib/catalog-sync/state.db' }));
    expect(stateDbSetting({ CATALOG_SYNC_CONFIG: file })).toBe('/var/lib/catalog-sync/state.db');
    expect(stateDbSetting({ CATALOG_SYNC_CONFIG: file, STATE_DB: '/tmp/other.db' })).toBe('/tmp/other.db');
    expect(stateDbSetting({ CATALOG_SYNC_CONFIG: shipped })).toBe('state/catalog-sync.db');
    writeFileSync(file, JSON.stringify({ stateDb: 7 }));
    expect(
      problems(() => stateDbSetting({ CATALOG_SYNC_CONFIG: file })).some((p) => p.startsWith(`${file}.stateDb:`)),
    ).toBe(true);
  });
});
