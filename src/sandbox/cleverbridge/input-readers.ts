import { isDeepStrictEqual } from 'node:util';
import { CbErrorCode, cbError } from './errors.js';
import type { Localized } from './model.js';
import { TEXT_LIMITS } from './reference-data.js';

/** Mutation input as graphql-js hands it over: enums as their names, lists already coerced. */
export type Input = Readonly<Record<string, unknown>>;

export interface LocalizedInput {
  languageId: string;
  value?: string | null;
}

/**
 * Reads a field that has two spellings (the guide's and the reference's). Giving both with
 * different values is refused rather than silently preferring one.
 */
export function either(input: Input, guide: string, current: string, path: string): unknown {
  const a = input[guide];
  const b = input[current];
  if (a !== undefined && b !== undefined && !isDeepStrictEqual(a, b)) {
    throw cbError(CbErrorCode.ConflictingFields, `Give either ${guide} or ${current}, not both.`, `${path}.${guide}`);
  }
  return a !== undefined ? a : b;
}

export function checkLength(value: string, limitKey: string, path: string): string {
  const limit = TEXT_LIMITS[limitKey];
  // Count code points, as a user would count characters, not UTF-16 units.
  if (limit !== undefined && [...value].length > limit) {
    throw cbError(CbErrorCode.ValueTooLong, `${limitKey} must be at most ${limit} characters.`, path);
  }
  return value;
}

/** undefined: unchanged; null or "": cleared; otherwise checked for length. */
export function readText(value: unknown, current: string | null, limitKey: string, path: string): string | null {
  if (value === undefined) return current;
  if (value === null || value === '') return null;
  return checkLength(String(value), limitKey, path);
}

export function readBool(value: unknown, current: boolean): boolean {
  return value === undefined || value === null ? current : Boolean(value);
}

/** An optional integer that must be at least `min`; null clears it. */
export function readInt(value: unknown, current: number | null, min: number, path: string): number | null {
  if (value === undefined) return current;
  if (value === null) return null;
  const n = value as number;
  if (n < min) throw cbError(CbErrorCode.InvalidValue, `${path.split('.').pop()} must be at least ${min}.`, path);
  return n;
}

/**
 * Merges a localized list into the current values, language by language: a language given
 * with a value replaces (or adds) that language, one given with null or "" removes it, others
 * stay. An explicit null for the whole list removes every language.
 */
export function mergeLocalized(
  current: Localized | undefined,
  entries: unknown,
  limitKey: string,
  path: string,
): Localized | undefined {
  if (entries === undefined) return current;
  if (entries === null) return [];
  const list = entries as Array<LocalizedInput | null>;
  const merged: Localized = (current ?? []).map((v) => ({ ...v }));
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (entry === null) return;
    const at = `${path}[${i}]`;
    if (seen.has(entry.languageId)) {
      throw cbError(CbErrorCode.DuplicateLanguage, `Language ${entry.languageId} is given twice.`, `${at}.languageId`);
    }
    seen.add(entry.languageId);
    const existing = merged.findIndex((v) => v.language === entry.languageId);
    if (entry.value === null || entry.value === undefined || entry.value === '') {
      if (existing >= 0) merged.splice(existing, 1);
      return;
    }
    const value = checkLength(entry.value, limitKey, `${at}.value`);
    if (existing >= 0) merged[existing] = { language: entry.languageId, value };
    else merged.push({ language: entry.languageId, value });
  });
  return merged;
}

/** An id that must name one of the client's records in `table`; null clears it. */
export function readRef(
  value: unknown,
  current: number | null,
  table: Readonly<Record<number, unknown>>,
  what: string,
  path: string,
): number | null {
  if (value === undefined) return current;
  if (value === null) return null;
  const id = value as number;
  if (!(id in table)) throw cbError(CbErrorCode.InvalidReference, `Unknown ${what} ${id}.`, path);
  return id;
}
