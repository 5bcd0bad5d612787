/**
 * The shape of src/: which folder may import which. Read from the import statements themselves,
 * so a move that closes a circle, or a child process started outside src/process, fails here
 * with the importing file named.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = resolve(import.meta.dirname, '../../src');

interface Import {
  file: string;
  spec: string;
  /** The src/ folder the import lands in, or the package name. */
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** A file's top folder under src/ ("(root)" for src/cli.ts and the like). */
function folderOf(path: string): string {
  const parts = relative(SRC, path).split('/');
  return parts.length > 1 ? (parts[0] ?? '(root)') : '(root)';
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => {
    const spec = match[1] ?? '';
    const to = spec.startsWith('.') ? folderOf(resolve(dirname(file), spec)) : spec;
    return { file: relative(SRC, file), spec, to };
  });
}

const imports = sourceFiles(SRC).flatMap(importsOf);
const local = imports.filter((i) => i.spec.startsWith('.'));

/** Folder-level edges, without a folder's imports of itself. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const i of local) {
    const from = folderOf(join(SRC, i.file));
    if (from === i.to) continue;
    graph.set(from, (graph.get(from) ?? new Set()).add(i.to));
  }
  return graph;
}

/** One circle of folders, as a path that starts and ends at the same folder, if any. */
function findCircle(graph: Map<string, Set<string>>): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node];
    if (done.has(node)) return undefined;
    onPath.push(node);
    for (const next of graph.get(node) ?? []) {
      const circle = visit(next);
      if (circle) return circle;
    }
    onPath.pop();
    done.add(node);
    return undefined;
  };
  for (const node of graph.keys()) {
    const circle = visit(node);
    if (circle) return circle;
  }
  return undefined;
}

test('the circle finder finds a circle of three and none in a line', () => {
  const circle = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a'])],
  ]);
  assert.deepEqual(findCircle(circle), ['a', 'b', 'c', 'a']);
  const line = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
  ]);
  assert.equal(findCircle(line), undefined);
});

test('no import circle between folders of src/', () => {
  const circle = findCircle(folderGraph());
  const files = circle?.slice(0, -1).map((from, n) => {
    const to = circle[n + 1];
    const one = local.find((i) => folderOf(join(SRC, i.file)) === from && i.to === to);
    return `${one?.file ?? from} imports ${one?.spec ?? to}`;
  });
  assert.equal(
    circle,
    undefined,
    `circle ${circle?.join(' → ') ?? ''}: ${files?.join('; ') ?? ''}`,
  );
});

test('src/reconcile and the reconcile action build on recipe and deploy, never on the suite', () => {
  const offending = local.filter(
    (i) =>
      (i.file.startsWith('reconcile/') || i.file === 'actions/reconcile.ts') && i.to === 'suite',
  );
  assert.deepEqual(offending, []);
});

// One place builds backends for recipe-suite, its janitor and reconcile alike.
test('a backend is built only in deploy/backends.ts', () => {
  const builders = sourceFiles(SRC)
    .filter((file) => /\b(abraBackend|commandBackend)\(/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file))
    .sort();
  assert.deepEqual(builders, [
    'deploy/abra-backend.ts',
    'deploy/backends.ts',
    'deploy/command-backend.ts',
  ]);
});

// src/process is the one process runner, no domain: a step leaving at once on a second signal
// ends the programs it started (platform/entry.ts).
test('src/platform imports no domain folder (src/shared and src/process aside)', () => {
  const offending = local.filter(
    (i) => i.file.startsWith('platform/') && !['platform', 'shared', 'process'].includes(i.to),
  );
  assert.deepEqual(offending, []);
});

test('exactly one module starts child processes', () => {
  const starters = imports
    .filter((i) => i.spec === 'node:child_process' || i.spec === 'child_process')
    .map((i) => i.file);
  assert.deepEqual(starters, ['process/run-program.ts']);
});
