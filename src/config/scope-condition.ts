import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { groupingProblem, tokens } from './soql-grouping.js';

/**
 * `scope.where`: a SOQL condition on Product2, checked with the SOQL parser before anything is
 * read. It becomes part of every product query, so it may hold only conditions on Product2's own
 * fields: no subquery, no second statement, no clause after the condition (ORDER BY, LIMIT).
 */

export interface ScopeProblem {
  /** 1-based character position in the condition. */
  position: number;
  message: string;
}

const PREFIX = 'SELECT Id FROM Product2 WHERE ';

/** Tokens as SOQL sees them: string literals (with their escapes), words, numbers, operators. */
const TOKEN = /'(?:\\.|[^'\\])*'?|[A-Za-z0-9_.:]+|<=|>=|!=|<>|\S/g;

const tryParse = (condition: string): { query: Query } | { error: Error } => {
  try {
    return { query: parseQuery(PREFIX + condition) };
  } catch (error) {
    return { error: error as Error };
  }
};

/** The token a parse error stopped at ('' at the end of the text), from the parser's message. */
const foundToken = (message: string): string | null =>
  (/but found: '(.*)'\s*$/s.exec(message) ??
    /but found: (\S*)\s*$/.exec(message) ??
    /found --> '(.*)' <--\s*$/s.exec(message))?.[1] ?? null;

/**
 * Where a syntax error is. The parser names the token it stopped at but not where: it is the
 * first occurrence of that token at which a prefix of the condition fails for that token (not
 * for ending early), so "Name = 'x' AND Name == 'x'" points at the second "=" of "==".
 */
function syntaxProblem(condition: string, error: Error): ScopeProblem {
  const lexed = /at offset: (\d+)/.exec(error.message);
  if (lexed) {
    const character = /->(.)<-/.exec(error.message)?.[1] ?? '';
    return { position: Number(lexed[1]) - PREFIX.length + 1, message: `unexpected character ${character}`.trim() };
  }
  const found = foundToken(error.message);
  if (found === null || found === '')
    return { position: condition.length + 1, message: 'the condition ends too early' };
  for (const match of condition.matchAll(TOKEN)) {
    if (match[0] !== found) continue;
    const prefix = tryParse(condition.slice(0, match.index + match[0].length));
    if ('error' in prefix && foundToken(prefix.error.message) === found)
      return { position: match.index + 1, message: `unexpected ${found}` };
  }
  return { position: Math.max(0, condition.indexOf(found)) + 1, message: `unexpected ${found}` };
}

const positionOf = (condition: string, text: string) => Math.max(0, condition.indexOf(text)) + 1;

/** The Product2 fields a valid condition names, or what is wrong with it. */
export function parseScopeCondition(condition: string): { fields: string[] } | { problem: ScopeProblem } {
  if (condition.trim() === '') return { problem: { position: 1, message: 'the condition is empty' } };
  const semicolon = condition.replace(/'(?:\\.|[^'\\])*'/g, (s) => ' '.repeat(s.length)).indexOf(';');
  if (semicolon >= 0)
    return { problem: { position: semicolon + 1, message: 'a semicolon: the condition must be one SOQL condition' } };
  const parsed = tryParse(condition);
  if ('error' in parsed) return { problem: syntaxProblem(condition, parsed.error) };
  const { where, ...rest } = parsed.query;
  const extra = Object.keys(rest).filter((k) => !['fields', 'sObject'].includes(k));
  if (extra.length > 0) {
    const clause = /\b(ORDER|LIMIT|OFFSET|GROUP|HAVING|FOR|WITH|UPDATE)\b/i.exec(condition);
    return {
      problem: {
        position: (clause?.index ?? 0) + 1,
        message: `only a condition may be given, not ${extra.join(', ')}`,
      },
    };
  }
  const list = tokens(where);
  const grouping = groupingProblem(list, condition);
  if (grouping) return { problem: grouping };
  const fields: string[] = [];
  for (const token of list) {
    if (typeof token === 'string') continue;
    const c = token.condition;
    if ('valueQuery' in c && c.valueQuery)
      return { problem: { position: positionOf(condition, 'SELECT'), message: 'a subquery is not allowed' } };
    if ('fn' in c && c.fn)
      return {
        problem: {
          position: positionOf(condition, c.fn.rawValue ?? c.fn.functionName ?? ''),
          message: `a function (${c.fn.functionName ?? c.fn.rawValue}) is not allowed: compare Product2 fields with values`,
        },
      };
    if ('field' in c && c.field) {
      if (c.field.includes('.'))
        return {
          problem: {
            position: positionOf(condition, c.field),
            message: `${c.field} is a field of another object: only Product2's own fields may be used`,
          },
        };
      fields.push(c.field);
    }
  }
  return { fields };
}
