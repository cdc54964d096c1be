/**
 * The error codes the emulator answers with, as Salesforce spells them. REST answers carry them
 * as `errorCode` in `[{message, errorCode, fields?}]`; sObject Collections carry them per record as
 * `statusCode`. Clients branch on these codes, never on the message text.
 */
export const SfErrorCode = {
  InvalidSessionId: 'INVALID_SESSION_ID',
  RequestLimitExceeded: 'REQUEST_LIMIT_EXCEEDED',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  JsonParserError: 'JSON_PARSER_ERROR',
  RequestEntityTooLarge: 'REQUEST_ENTITY_TOO_LARGE',
  MalformedQuery: 'MALFORMED_QUERY',
  InvalidField: 'INVALID_FIELD',
  InvalidType: 'INVALID_TYPE',
  InvalidQueryFilterOperator: 'INVALID_QUERY_FILTER_OPERATOR',
  InvalidQueryLocator: 'INVALID_QUERY_LOCATOR',
  NumberOutsideValidRange: 'NUMBER_OUTSIDE_VALID_RANGE',
  MissingArgument: 'MISSING_ARGUMENT',
  InvalidReplicationDate: 'INVALID_REPLICATION_DATE',
  ExceededIdLimit: 'EXCEEDED_ID_LIMIT',
  MalformedId: 'MALFORMED_ID',
  RequiredFieldMissing: 'REQUIRED_FIELD_MISSING',
  InvalidFieldForInsertUpdate: 'INVALID_FIELD_FOR_INSERT_UPDATE',
  CannotInsertUpdateActivateEntity: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
  InsufficientAccessOrReadonly: 'INSUFFICIENT_ACCESS_OR_READONLY',
  StringTooLong: 'STRING_TOO_LONG',
  InvalidOrNullForRestrictedPicklist: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  FieldIntegrityException: 'FIELD_INTEGRITY_EXCEPTION',
  FieldCustomValidationException: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  InvalidCrossReferenceKey: 'INVALID_CROSS_REFERENCE_KEY',
  EntityIsDeleted: 'ENTITY_IS_DELETED',
  DuplicateValue: 'DUPLICATE_VALUE',
  DuplicateExternalId: 'DUPLICATE_EXTERNAL_ID',
  StandardPriceNotDefined: 'STANDARD_PRICE_NOT_DEFINED',
  DeleteFailed: 'DELETE_FAILED',
  AllOrNoneRolledBack: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  UnknownException: 'UNKNOWN_EXCEPTION',
  UnableToLockRow: 'UNABLE_TO_LOCK_ROW',
} as const;

export type SfErrorCode = (typeof SfErrorCode)[keyof typeof SfErrorCode];

/** One error of a save result or of a REST answer. */
export interface SfErrorDetail {
  errorCode: SfErrorCode;
  message: string;
  fields: string[];
}

/**
 * An error that ends a whole REST request: the HTTP status and the one error Salesforce puts in
 * the body's array.
 */
export class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: SfErrorCode,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = errorCode;
  }

  get detail(): SfErrorDetail {
    return { errorCode: this.errorCode, message: this.message, fields: this.fields };
  }
}

/** A REST error body: an array of `{message, errorCode}`, with `fields` only when some are named. */
export function restErrorBody(errors: readonly SfErrorDetail[]): unknown[] {
  return errors.map((e) =>
    e.fields.length > 0
      ? { message: e.message, errorCode: e.errorCode, fields: e.fields }
      : { message: e.message, errorCode: e.errorCode },
  );
}

export const notFound = (message = 'The requested resource does not exist') =>
  new SfError(404, SfErrorCode.NotFound, message);

export const malformedQuery = (message: string) => new SfError(400, SfErrorCode.MalformedQuery, message);

/** A query using SOQL the sandbox does not evaluate: refused loudly instead of answered wrongly. */
export const unsupportedSoql = (feature: string) =>
  malformedQuery(
    `${feature} is not supported by the Salesforce sandbox; see docs/salesforce-sandbox.md for the SOQL subset it evaluates`,
  );
