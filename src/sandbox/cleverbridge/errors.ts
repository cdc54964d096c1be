import { GraphQLError } from 'graphql';

/**
 * Stable codes the emulator puts in `extensions.code` (and, like the platform during its
 * announced transition, in a top-level `code` as well). Clients branch on these, never on text.
 */
export const CbErrorCode = {
  /** A field the operation needs is missing or empty. */
  RequiredField: 'REQUIRED_FIELD',
  /** A value is out of range, malformed or not allowed. */
  InvalidValue: 'INVALID_VALUE',
  /** Text longer than the platform stores. */
  ValueTooLong: 'VALUE_TOO_LONG',
  /** The guide's and the reference's spelling of one field were both given, differently. */
  ConflictingFields: 'CONFLICTING_FIELDS',
  /** One language twice in one localized list. */
  DuplicateLanguage: 'DUPLICATE_LANGUAGE',
  /** One currency, quantity and interval twice in one price. */
  DuplicatePriceTier: 'DUPLICATE_PRICE_TIER',
  /** Another product of the client already has this internalId. */
  DuplicateInternalId: 'DUPLICATE_INTERNAL_ID',
  /** An id refers to no record of the client (support contact, shipping set, product...). */
  InvalidReference: 'INVALID_REFERENCE',
  InvalidSalesTaxCode: 'INVALID_SALES_TAX_CODE',
  /** No product with this id or internalId that the user may see. */
  NotFound: 'NOT_FOUND',
  /** The user has no access to this client account. */
  Forbidden: 'FORBIDDEN',
  /** The product is another product's base product or part of a bundle. */
  ProductInUse: 'PRODUCT_IN_USE',
  /** Injected fault, or an unexpected failure. */
  InternalServerError: 'INTERNAL_SERVER_ERROR',
  Unauthenticated: 'AUTH_NOT_AUTHENTICATED',
  UserLocked: 'AUTH_USER_LOCKED',
  ParseFailed: 'GRAPHQL_PARSE_FAILED',
  ValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  BadUserInput: 'BAD_USER_INPUT',
  BadRequest: 'BAD_REQUEST',
} as const;

export type CbErrorCode = (typeof CbErrorCode)[keyof typeof CbErrorCode];

/** An error a resolver raises; graphql-js adds the path and locations. */
export function cbError(code: CbErrorCode, message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: field ? { code, field } : { code } });
}
