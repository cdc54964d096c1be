import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { minimalEnv, problems } from '../helpers/settings-env.js';

const env = minimalEnv;

function configFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'api-version-')), 'catalog-sync.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const RETIRED = 'must be 31.0 or later: Salesforce retired API versions 30.0 and older (they answer 410 GONE)';

describe('the Salesforce API version setting', () => {
  it('refuses SF_API_VERSION below 31.0, naming the variable', () => {
    for (const version of ['30.0', '21.0', '7.0']) {
      expect(problems(() => loadSettings({ ...env, SF_API_VERSION: version }, undefined))).toEqual([
        `SF_API_VERSION: ${RETIRED}`,
      ]);
    }
  });

  it('refuses salesforce.apiVersion below 31.0 in the file, naming the key', () => {
    const file = configFile({ salesforce: { apiVersion: '30.0' } });
    expect(problems(() => loadSettings(env, file))).toEqual([`${file}.salesforce.apiVersion: ${RETIRED}`]);
  });

  it('takes 31.0 and later, from either place', () => {
    expect(loadSettings({ ...env, SF_API_VERSION: '31.0' }, undefined).salesforce.apiVersion).toBe('31.0');
    expect(loadSettings(env, configFile({ salesforce: { apiVersion: '66.0' } })).salesforce.apiVersion).toBe('66.0');
  });

  it('still refuses a malformed version', () => {
    expect(problems(() => loadSettings({ ...env, SF_API_VERSION: '62' }, undefined))).toEqual([
      'SF_API_VERSION: must look like 62.0',
    ]);
  });
});
