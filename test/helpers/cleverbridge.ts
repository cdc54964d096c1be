import { readFileSync } from 'node:fs';
import { GraphQLClient } from 'graphql-request';
import { fetchAnswer } from './http.js';
import type { ApiUser } from '../../src/sandbox/cleverbridge/auth.js';
import { startCleverbridgeSandbox, type CleverbridgeSandbox, type CleverbridgeSandboxOptions } from '../../src/sandbox/cleverbridge/server.js';

export const basicAuth = (user: Pick<ApiUser, 'username' | 'password'>) =>
  `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;

/** A real graphql-request client logged in as the sandbox's first user (or `user`). */
export function cbClient(sandbox: CleverbridgeSandbox, user: Pick<ApiUser, 'username' | 'password'> = sandbox.users[0]!) {
  return new GraphQLClient(sandbox.graphqlUrl, { headers: { Authorization: basicAuth(user) } });
}

export function guideFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/guide/${name}`, import.meta.url), 'utf8');
}

/** The guide's example answer, with its one encoding slip repaired: it prints "Â¥" for "¥". */
export function guideAnswer(name: string): unknown {
  return JSON.parse(guideFixture(name).replaceAll('Â¥', '¥'));
}

export async function withSandbox(options: CleverbridgeSandboxOptions = {}) {
  return startCleverbridgeSandbox(options);
}

/** Raw POST to the endpoint, for what graphql-request hides (status, headers, bodies). */
export async function postGraphQL(
  sandbox: CleverbridgeSandbox,
  body: unknown,
  headers: Record<string, string> = { Authorization: basicAuth(sandbox.users[0]!) },
) {
  return fetchAnswer(sandbox.graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
