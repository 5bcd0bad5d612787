// A stand-in for actions/checkout under act (see ../README.md): not the real action.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
const git = (cwd, ...args) =>
  execFileSync('git', ['-C', cwd, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();

const repository = input('repository');
const server = process.env.GITHUB_SERVER_URL ?? '';
const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
const dest = resolve(workspace, input('path') || '.');
if (!dest.startsWith(workspace)) throw new Error(`path ${dest} is outside the workspace`);
const depth = Number(input('fetch-depth') || '1');
if (!Number.isInteger(depth) || depth < 0) throw new Error('fetch-depth must be a whole number');
// actions/checkout: no ref means the event's commit in the workflow's own repository, else the
// remote's default branch.
const own = repository.toLowerCase() === (process.env.GITHUB_REPOSITORY ?? '').toLowerCase();
const ref = input('ref') || (own ? (process.env.GITHUB_SHA ?? '') : '');
const url = `${server}/${repository}`;

console.log(`checkout stand-in: ${url} ${ref || '(default branch)'} → ${dest}`);
rmSync(dest, { recursive: true, force: true });
mkdirSync(dest, { recursive: true });
git(dest, 'init', '-q');
git(dest, 'remote', 'add', 'origin', url);
const deepen = depth === 0 ? ['--tags'] : [`--depth=${String(depth)}`, '--no-tags'];
git(dest, 'fetch', '-q', ...deepen, 'origin', ref || 'HEAD');
git(dest, 'checkout', '-q', '--detach', 'FETCH_HEAD');
console.log(`checkout stand-in: at ${git(dest, 'rev-parse', 'HEAD')}`);
