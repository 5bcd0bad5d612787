// A stand-in for actions/download-artifact v4 under act (see ../README.md): not the real action.
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
const store = process.env.RECIPE_CI_ACT_ARTIFACTS;
if (!store) throw new Error('RECIPE_CI_ACT_ARTIFACTS is not set: the engine test gives it to act');
const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
const dest = resolve(workspace, input('path') || '.');
const name = input('name');
mkdirSync(dest, { recursive: true });
if (name) {
  if (!existsSync(join(store, name))) throw new Error(`Artifact not found for name: ${name}`);
  cpSync(join(store, name), dest, { recursive: true });
  console.log(`download-artifact stand-in: ${name} → ${dest}`);
} else {
  const glob = input('pattern');
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  const names = existsSync(store) ? readdirSync(store).filter((n) => !glob || re.test(n)) : [];
  const merge = input('merge-multiple') === 'true';
  for (const n of names) cpSync(join(store, n), merge ? dest : join(dest, n), { recursive: true });
  console.log(`download-artifact stand-in: ${String(names.length)} artifact(s) → ${dest}`);
}
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `download-path=${dest}\n`);
