import type { Condition, WhereClause } from '@jetstreamapp/soql-parser-js';

/**
 * SOQL's grouping rules, which the parser does not enforce: AND and OR never mix without
 * parentheses, and NOT takes one condition and stands at the start of the clause or of a
 * parenthesized group ("Parentheses are required whenever you mix the operators", SOQL reference).
 * Salesforce refuses a condition that breaks them (MALFORMED_QUERY); catalog-sync says so at start.
 */

export type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition };

/** The parser's right-leaning list, with parenthesis counts on conditions, as flat tokens. */
export function tokens(clause: WhereClause | undefined, out: Token[] = []): Token[] {
  if (!clause) return out;
  const left = clause.left as (Condition & { openParen?: number; closeParen?: number }) | null;
  for (let i = 0; i < (left?.openParen ?? 0); i++) out.push('(');
  if (left && ('field' in left || 'fn' in left)) {
    out.push({ condition: left });
    for (let i = 0; i < (left.closeParen ?? 0); i++) out.push(')');
  }
  if ('operator' in clause && clause.operator) out.push(clause.operator as Token);
  if ('right' in clause && clause.right) tokens(clause.right, out);
  return out;
}

/** The operator tokens' positions in the text (1-based), strings left out, in order. */
function operatorPositions(condition: string): number[] {
  const blanked = condition.replace(/'(?:\\.|[^'\\])*'/g, (s) => ' '.repeat(s.length));
  return [...blanked.matchAll(/\b(AND|OR|NOT)\b/gi)].map((m) => m.index + 1);
}

/** The first grouping rule the condition breaks, with where; null when it keeps them all. */
export function groupingProblem(
  list: readonly Token[],
  condition: string,
): { position: number; message: string } | null {
  const positions = operatorPositions(condition);
  let pos = 0;
  let operators = 0;
  const fail = (message: string) => ({ position: positions[operators] ?? 1, message });
  const group = (): { position: number; message: string } | null => {
    let joiner: Token | null = null;
    for (let first = true; ; first = false) {
      if (list[pos] === 'NOT') {
        if (!first) return fail('NOT must start the condition or a parenthesized group');
        pos++;
        operators++;
        const inner = operand();
        if (inner) return inner;
        if (list[pos] === 'AND' || list[pos] === 'OR')
          return fail('NOT takes one condition: put parentheses around what it negates, or around (NOT …)');
        return null;
      }
      const inner = operand();
      if (inner) return inner;
      const next = list[pos];
      if (next !== 'AND' && next !== 'OR') return null;
      if (joiner && next !== joiner) return fail('AND and OR are mixed without parentheses');
      joiner = next;
      pos++;
      operators++;
    }
  };
  const operand = (): { position: number; message: string } | null => {
    if (list[pos] !== '(') {
      pos++; // a condition
      return null;
    }
    pos++;
    const inner = group();
    pos++; // ')'
    return inner;
  };
  return list.length === 0 ? null : group();
}
