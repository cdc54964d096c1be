import { describe, expect, it } from 'vitest';
import { Authenticator } from '../../../src/sandbox/cleverbridge/auth.js';

const header = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const users = [{ username: 'api', password: 'right', clientIds: [864] }];

describe('Basic authentication with lock-out', () => {
  it('accepts the right credentials and says why others fail', () => {
    const auth = new Authenticator({ users, maxFailedLogins: 3, lockoutMs: null });
    expect(auth.authenticate(header('api', 'right'))).toMatchObject({ ok: true, user: { username: 'api' } });
    expect(auth.authenticate(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(auth.authenticate('Bearer abc')).toEqual({ ok: false, reason: 'unsupported' });
    expect(auth.authenticate('Basic bm9jb2xvbg==')).toEqual({ ok: false, reason: 'malformed' });
    expect(auth.authenticate(header('api', 'wrong'))).toEqual({ ok: false, reason: 'invalid', username: 'api' });
  });

  it('locks a user out at the third failed login, even for the right password', () => {
    const auth = new Authenticator({ users, maxFailedLogins: 3, lockoutMs: null });
    expect(auth.authenticate(header('api', 'x')).ok).toBe(false);
    expect(auth.authenticate(header('api', 'y')).ok).toBe(false);
    expect(auth.authenticate(header('api', 'z'))).toMatchObject({ reason: 'locked' });
    expect(auth.authenticate(header('api', 'right'))).toMatchObject({ ok: false, reason: 'locked' });
    auth.unlock('api');
    expect(auth.authenticate(header('api', 'right')).ok).toBe(true);
  });

  it('a success resets the count of failures', () => {
    const auth = new Authenticator({ users, maxFailedLogins: 3, lockoutMs: null });
    auth.authenticate(header('api', 'x'));
    auth.authenticate(header('api', 'y'));
    expect(auth.authenticate(header('api', 'right')).ok).toBe(true);
    expect(auth.failures('api')).toBe(0);
    auth.authenticate(header('api', 'x'));
    expect(auth.authenticate(header('api', 'right')).ok).toBe(true);
  });

  it('a timed lock-out ends by itself', () => {
    let t = 0;
    const auth = new Authenticator({ users, maxFailedLogins: 3, lockoutMs: 5000 }, () => t);
    for (const p of ['a', 'b', 'c']) auth.authenticate(header('api', p));
    expect(auth.isLocked('api')).toBe(true);
    t = 4999;
    expect(auth.authenticate(header('api', 'right')).ok).toBe(false);
    t = 5000;
    expect(auth.authenticate(header('api', 'right')).ok).toBe(true);
  });

  it('passwords containing colons are split at the first colon only', () => {
    const auth = new Authenticator({
      users: [{ username: 'u', password: 'a:b:c', clientIds: [] }],
      maxFailedLogins: 3,
      lockoutMs: null,
    });
    expect(auth.authenticate(header('u', 'a:b:c')).ok).toBe(true);
  });
});
