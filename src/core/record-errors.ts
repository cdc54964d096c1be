import type { RecordError } from './plan-types.js';
import type { SfRecord } from './salesforce-product.js';

/** Every error of a record is kept, not just the first, so a manager can fix them all at once. */
export class RecordErrors {
  readonly list: RecordError[] = [];
  add(code: string, message: string, field?: string) {
    this.list.push(field ? { code, message, field } : { code, message });
  }
}

export function readField(record: SfRecord, field: string, errors: RecordErrors): unknown {
  if (!(field in record)) {
    errors.add(
      'FIELD_MISSING',
      `The Salesforce field ${field} is missing; check the mapping and the field's access.`,
      field,
    );
    return null;
  }
  return record[field];
}

export function readText(record: SfRecord, field: string, errors: RecordErrors): string | null {
  const value = readField(record, field, errors);
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    errors.add('FIELD_TYPE', `The Salesforce field ${field} holds ${typeof value}, not text.`, field);
    return null;
  }
  return value;
}

/** Characters as a person counts them (code points), not UTF-16 units. */
export const length = (text: string) => [...text].length;
