import { expect } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';

/** The smallest environment settings load from: every required variable, nothing else. */
export const minimalEnv = {
  SF_LOGIN_URL: 'https://login.example.com',
  SF_CLIENT_ID: 'id',
  SF_CLIENT_SECRET: 'secret',
  CB_GRAPHQL_URL: 'https://graph.example.com/graphql',
  CB_USERNAME: 'api',
  CB_PASSWORD: 'pw',
  CB_CLIENT_ID: '864',
};

/** The problems of the ConfigError `fn` throws (it must throw one). */
export function problems(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
