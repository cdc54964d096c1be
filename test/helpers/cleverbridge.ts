import { readFileSync } from 'node:fs';
import { GraphQLClient } from 'graphql-request';
import { fetchAnswer } from './http.js';
import type { ApiUser } from '../../src/sandbox/cleverbridge/auth.js';
import {
  startCleverbridgeSandbox,
  type CleverbridgeSandbox,
  type CleverbridgeSandboxOptions,
} from '../../src/sandbox/cleverbridge/server.js';

export const basicAuth = (user: Pick<ApiUser, 'username' | 'password'>) =>
  `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;

/** A real graphql-request client logged in as the sandbox's first user (or `user`). */
export function cbClient(
  sandbox: CleverbridgeSandbox,
  user: Pick<ApiUser, 'username' | 'password'> = sandbox.users[0]!,
) {
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

export const CREATE = /* GraphQL */ `
  mutation Create($input: CreateProductInput!) {
    createProduct(input: $input) {
      createdProduct {
        id
        internalId
        creationDate
        lastModifyDate
      }
    }
  }
`;

export const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      updatedProduct {
        id
        lastModifyDate
      }
    }
  }
`;

export const READ = /* GraphQL */ `
  query Read($id: Int!) {
    product(id: $id) {
      id
      internalId
      status {
        id
      }
      productType {
        id
      }
      names {
        value
        language {
          id
        }
      }
      additionalNameInformation {
        value
        language {
          id
        }
      }
      salesTaxCode {
        code
      }
      numberOfLicenses
      price {
        isGross
        baseCurrency {
          isoCode
        }
        volumePricingMethod {
          id
        }
        priceAbsoluteValues {
          currency {
            id
          }
          quantity
          interval
          value
        }
      }
      contentSettings {
        description {
          value
          language {
            id
          }
        }
        shortDescription {
          value
          language {
            id
          }
        }
      }
      subscriptionSettings {
        recurringInterval {
          intervalPeriod
          value
        }
      }
      lastModifyDate
    }
  }
`;

/** A minimal valid createProduct input, in the reference's spelling. */
export function productInput(overrides: Record<string, unknown> = {}) {
  return {
    clientId: 864,
    productType: 'PRODUCT',
    status: 'FULLY_AVAILABLE',
    salesTaxCodeId: 'DC010500',
    names: [{ languageId: 'EN', value: 'Test product' }],
    price: { baseCurrencyId: 'USD', priceAbsoluteValues: [{ currencyId: 'USD', quantity: 1, value: 9.99 }] },
    ...overrides,
  };
}
