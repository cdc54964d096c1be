import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalProduct } from '../helpers/products.js';
import { StateStore } from '../../src/state/state-store.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Every `x.prepare(...)`, `x.exec(...)` and `x.pragma(...)` call whose SQL is not one constant
 * string literal. A lexical scan (the TypeScript in use, 7, has no JavaScript compiler API); a
 * string concatenated after its literal counts as built at run time.
 */
function sqlBuiltAtRunTime(): string[] {
  const found: string[] = [];
  const call = /([\w#.)\]]+)\.(prepare|exec|pragma)\s*(?:<[^()]*>)?\(\s*/g;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(call)) {
      const receiver = m[1]!.replace(/.*\./, '');
      // RegExp#exec searches text; its receivers are regex literals, upper-case constants or a (choice).
      const regexLiteral = /\/[a-z]*$/.test(text.slice(Math.max(0, m.index - 8), m.index + m[1]!.length));
      if (m[2] === 'exec' && (regexLiteral || /^[A-Z_]+$/.test(receiver) || receiver.endsWith(')'))) continue;
      const at = m.index + m[0].length;
      const quote = text[at];
      let constant = false;
      if (quote === "'" || quote === '"' || quote === '`') {
        let end = at + 1;
        while (end < text.length && text[end] !== quote) end += text[end] === '\\' ? 2 : 1;
        const literal = text.slice(at, end + 1);
        constant = !(quote === '`' && literal.includes('${')) && /^\s*[,)]/.test(text.slice(end + 1));
      }
      if (!constant) {
        const line = text.slice(0, m.index).split('\n').length;
        const snippet = text.slice(m.index, text.indexOf(')', at) + 1).replace(/\s+/g, ' ');
        found.push(`${relative(SRC, file)}:${line}: ${snippet}`);
      }
    }
  }
  return found.sort();
}

describe('SQL', () => {
  it('is constant text everywhere: values always go through bound parameters', () => {
    // The two exceptions, each reviewed: the migrations (constant modules run in order), and
    // the schema version, an integer PRAGMA, which SQLite cannot bind.
    expect(sqlBuiltAtRunTime()).toEqual([
      'state/database.ts:44: db.exec(sql)',
      'state/database.ts:45: db.pragma(`user_version = ${version + i + 1}`)',
    ]);
  });

  it('the migrations it runs are constant strings', async () => {
    const { MIGRATIONS } = await import('../../src/state/migrations/index.js');
    for (const sql of MIGRATIONS) expect(typeof sql).toBe('string');
    const files = readdirSync(join(SRC, 'state/migrations')).filter((f) => /^\d{3}-.*\.ts$/.test(f));
    expect(files).toHaveLength(MIGRATIONS.length);
    for (const file of files) expect(readFileSync(join(SRC, 'state/migrations', file), 'utf8')).not.toMatch(/\$\{/);
  });

  it('stores hostile keys, labels and messages as data and reads them back unchanged', () => {
    const store = StateStore.open(join(mkdtempSync(join(tmpdir(), 'sql-')), 'state.db'));
    try {
      const hostile = `x'); DROP TABLE runs; -- \\ " \u0000 ${'\u{1F600}'}`;
      const run = store.runs.start('full', 'cli', false, new Date(0).toISOString());
      store.runs.recordErrors(run, hostile, hostile, [{ code: 'NAME_MISSING', message: hostile }]);
      expect(store.runs.errors(run)).toEqual([
        { key: hostile, label: hostile, code: 'NAME_MISSING', message: hostile },
      ]);
      store.snapshot.upsert(hostile, 7, canonicalProduct({ names: { EN: hostile } }), new Date(0).toISOString(), []);
      expect(store.snapshot.all().find((s) => s.key === hostile)?.product.names).toEqual({ EN: hostile });
      expect(store.runs.get(run)).toBeDefined();
    } finally {
      store.close();
    }
  });
});
