import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';

// The shape docs/architecture.md describes, checked on the source: small files and functions,
// the pure core free of I/O, one adapter per system, the emulators apart from the product.
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const product = files(src).filter((f) => !relative(src, f).startsWith('sandbox/'));
const rel = (f: string) => relative(src, f);

/** The modules a file imports statically (dynamic import() excluded), as paths under src. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]!);
  return found.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

/** Every function of a file with its length in lines. */
function functionLengths(file: string): Array<{ name: string; lines: number }> {
  const ast = parse(readFileSync(file, 'utf8'), { sourceType: 'module', plugins: ['typescript'] });
  const out: Array<{ name: string; lines: number }> = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as {
      type?: string;
      loc?: { start: { line: number }; end: { line: number } };
      key?: { name?: string };
      id?: { name?: string };
    };
    if (n.type && /Function|Method/.test(n.type) && n.loc) {
      out.push({
        name: `${n.id?.name ?? n.key?.name ?? '(anonymous)'}:${n.loc.start.line}`,
        lines: n.loc.end.line - n.loc.start.line + 1,
      });
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'loc' && key !== 'leadingComments') visit(value);
  };
  visit(ast.program);
  return out;
}

describe('the architecture', () => {
  it('keeps every file of the product (src/ outside src/sandbox/) at 300 lines at most', () => {
    const long = product
      .map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 300);
    expect(long).toEqual([]);
  });

  it('keeps every function of the product at 60 lines at most', () => {
    const long = product.flatMap((f) =>
      functionLengths(f)
        .filter((fn) => fn.lines > 60)
        .map((fn) => `${rel(f)} ${fn.name} (${fn.lines})`),
    );
    expect(long).toEqual([]);
  });

  it('keeps the pure core free of adapters and I/O', () => {
    const core = product.filter((f) => rel(f).startsWith('core/'));
    const outside = core.flatMap((f) =>
      staticImports(f)
        .filter((i) => !rel(i).startsWith('core/'))
        .map((i) => `${rel(f)} -> ${rel(i)}`),
    );
    const io = core.filter((f) => /from 'node:(fs|net|http|child_process)'/.test(readFileSync(f, 'utf8'))).map(rel);
    expect([...outside, ...io]).toEqual([]);
  });

  it('keeps each adapter to its own system: no adapter imports another', () => {
    const adapters = ['cleverbridge/', 'salesforce/', 'state/'];
    const crossing = product.flatMap((f) => {
      const own = adapters.find((a) => rel(f).startsWith(a));
      if (!own) return [];
      return staticImports(f)
        .filter((i) => adapters.some((a) => a !== own && rel(i).startsWith(a)))
        .map((i) => `${rel(f)} -> ${rel(i)}`);
    });
    expect(crossing).toEqual([]);
  });

  it('keeps the emulators out of the product: nothing outside src/sandbox imports them statically', () => {
    const loading = product.flatMap((f) =>
      staticImports(f)
        .filter((i) => rel(i).startsWith('sandbox/'))
        .map((i) => `${rel(f)} -> ${rel(i)}`),
    );
    // The sandbox and demo commands load them with import() when they run.
    expect(loading.filter((l) => !/^cli\/(sandbox|demo)-run\.ts /.test(l))).toEqual([]);
    const sandbox = files(join(src, 'sandbox'));
    const product2 = sandbox.flatMap((f) =>
      staticImports(f)
        .filter((i) => /^(core|sync|cleverbridge|salesforce|state)\//.test(rel(i)))
        .map((i) => `${rel(f)} -> ${rel(i)}`),
    );
    expect(product2).toEqual([]);
  });
});
