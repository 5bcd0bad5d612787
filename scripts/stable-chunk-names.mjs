// Names for esbuild's shared chunks that do not change when unrelated code changes.
//
// esbuild names a chunk by a hash of its contents, so a one-line fix renames its chunk, which
// changes every chunk and entry that imports it, which renames those in turn: one change
// rewrote most of dist/. Here a chunk is named by what it holds instead — the sorted list of its
// source modules, hashed, after its largest module for a human-readable stem — and every import
// of the old name is rewritten. A chunk's name then changes only when modules move between
// chunks, which is an import change, not an edit. A chunk that holds no module of its own is
// esbuild's runtime helpers, or one that only re-exports from others (a dynamic import's target
// inside a bundled package: puppeteer-core has four); the latter are named by esbuild's name for
// them and what they export, and two chunks given one name fail the build rather than overwrite
// each other (a dynamic import would load the wrong chunk).
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * @param {import('esbuild').BuildResult} result a build with `write: false, metafile: true`
 * @param {string} outdir the build's outdir
 * @returns {{ path: string, text: string, entry: boolean, staticImports: string[] }[]}
 */
export function stableChunkNames(result, outdir) {
  const outputs = result.metafile.outputs;
  const renames = new Map();
  for (const [path, meta] of Object.entries(outputs)) {
    if (!path.endsWith('.js') || !resolve(path).startsWith(resolve(outdir, 'chunks'))) continue;
    const modules = Object.keys(meta.inputs).sort();
    const name =
      modules.length > 0
        ? `${stem(meta)}-${hash(modules)}`
        : meta.imports.length === 0
          ? 'esbuild-runtime'
          : `${basename(path).replace(/-[A-Z0-9]+\.js$/, '')}-${hash([...meta.exports].sort())}`;
    const taken = [...renames].find(([, to]) => to === `${name}.js`);
    if (taken) throw new Error(`chunks ${taken[0]} and ${basename(path)} would both be ${name}.js`);
    renames.set(basename(path), `${name}.js`);
  }
  const rename = (text) => {
    let out = text;
    for (const [from, to] of renames) out = out.split(from).join(to);
    return out;
  };
  const newPath = (path) => join(dirname(path), rename(basename(path)));
  return result.outputFiles.map((file) => {
    const meta = outputs[relativeKey(file.path, outputs)];
    return {
      path: newPath(file.path),
      text: rename(file.text),
      entry:
        meta?.entryPoint !== undefined && !resolve(file.path).startsWith(resolve(outdir, 'chunks')),
      staticImports: (meta?.imports ?? [])
        .filter((i) => i.kind === 'import-statement' && !i.external && i.path.endsWith('.js'))
        .map((i) => newPath(resolve(i.path))),
    };
  });
}

function hash(lines) {
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 8);
}

/** The metafile's key (relative to the working directory) of an absolute output path. */
function relativeKey(absolute, outputs) {
  return Object.keys(outputs).find((key) => resolve(key) === absolute);
}

/** A readable stem: the package or source file that contributes most to the chunk. */
function stem(meta) {
  const [largest] = Object.entries(meta.inputs).sort(
    (a, b) => b[1].bytesInOutput - a[1].bytesInOutput,
  );
  const path = largest[0];
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1].replace('@', '').replace('/', '-');
  return path
    .replace(/^(src|actions)\//, '')
    .replace(/\.[cm]?[jt]s$/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase();
}
