// Builds dist/: one small ESM entry per runs.main / runs.post of every action (found by the
// naming convention actions/<name>/{main,post}.ts) and the CLI, over shared chunks, so the core
// is in dist once and not copied into every action. Targets Node 20 although action.yml says
// node24: Gitea and Forgejo run actions with whatever `node` the job image has.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `--outdir DIR` builds elsewhere, so check-dist can compare a fresh build with the committed one.
const outdirFlag = process.argv.indexOf('--outdir');
const dist = outdirFlag === -1 ? 'dist' : process.argv[outdirFlag + 1];
// `--entry FILE` bundles one other file the same way (tests use it for their fixtures).
const entryFlag = process.argv.indexOf('--entry');
const entryPoints = entryFlag === -1 ? [{ in: 'src/cli.ts', out: 'cli' }] : [];
if (entryFlag !== -1) entryPoints.push({ in: process.argv[entryFlag + 1], out: 'entry' });
for (const action of entryFlag === -1 ? readdirSync('actions').sort() : []) {
  for (const step of ['main', 'post']) {
    const file = join('actions', action, `${step}.ts`);
    if (existsSync(file)) entryPoints.push({ in: file, out: `${action}/${step}` });
  }
}

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // ssh2 loads optional native speed-ups inside try/catch; the pure-JS paths are what we ship.
  external: ['cpu-features', '*.node'],
  // Bundled CommonJS dependencies (ssh2) use require, __filename and __dirname; ESM has none.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      "import { dirname as __pathDirname } from 'node:path';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join(' '),
  },
  legalComments: 'linked',
  logLevel: 'warning',
});
// dist/ is ESM whatever package.json around it says (a consumer may vendor dist/ alone).
writeFileSync(join(dist, 'package.json'), '{ "type": "module" }\n');
