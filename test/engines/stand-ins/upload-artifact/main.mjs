// A stand-in for actions/upload-artifact v4 under act (see ../README.md): not the real action.
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
const store = process.env.RECIPE_CI_ACT_ARTIFACTS;
if (!store) throw new Error('RECIPE_CI_ACT_ARTIFACTS is not set: the engine test gives it to act');
const name = input('name') || 'artifact';
const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();

const files = [];
for (const line of input('path')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean)) {
  // Our workflows name files and folders; globs would need a glob library (Node 20 has none).
  if (/[*?[]/.test(line)) throw new Error(`the stand-in takes no globs: ${line}`);
  const path = resolve(workspace, line);
  if (!existsSync(path)) continue;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path, { recursive: true })) {
      const file = join(path, String(entry));
      if (statSync(file).isFile()) files.push(file);
    }
  } else files.push(path);
}
if (files.length === 0) {
  const how = input('if-no-files-found') || 'warn';
  const message = `No files were found with the provided path: ${input('path')}. No artifacts will be uploaded.`;
  if (how === 'error') throw new Error(message);
  if (how === 'warn') console.log(`::warning::${message}`);
  process.exit(0);
}
// v4 keeps paths relative to the files' least common folder.
let root = dirname(files[0]);
while (!files.every((f) => f.startsWith(root + sep))) root = dirname(root);
const dest = join(store, name);
if (existsSync(dest)) throw new Error(`an artifact named ${name} already exists in this run`);
for (const file of files) {
  mkdirSync(dirname(join(dest, relative(root, file))), { recursive: true });
  cpSync(file, join(dest, relative(root, file)));
}
console.log(`upload-artifact stand-in: ${String(files.length)} file(s) as ${name}`);
const id = readdirSync(store).length;
if (process.env.GITHUB_OUTPUT)
  appendFileSync(process.env.GITHUB_OUTPUT, `artifact-id=${String(id)}\n`);
