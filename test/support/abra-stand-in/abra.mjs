// A recording stand-in for abra (Co-op Cloud's CLI), for tests that cannot run abra and Docker.
// It follows abra's documented behaviour where our backend relies on it:
// - all state under $ABRA_DIR: servers/<server>/<domain>.env, recipes/<recipe> (a git checkout);
//   the stand-in refuses to run without ABRA_DIR so a run can never fall back to ~/.abra;
// - `server add --local` registers this machine as the server `default`; `server add <host>`
//   and every command on an app of that server connect over the system ssh (server-ssh.mjs);
// - `app new` writes the env file from the recipe's .env.sample with TYPE=<recipe>[:<version>]
//   and, without a version or --chaos, moves the checkout to the newest release tag;
// - `app deploy <domain> [version]` checks the tag out (or with --chaos deploys the tree as it
//   is), refuses an app already deployed unless --force/--chaos, needs the app's secrets, and
//   writes TYPE=<recipe>:<version>; `app upgrade` likewise for a deployed app;
// - `app rm` refuses a deployed app and removes its secrets, volumes and env file;
// - `app run <domain> <service> -- <command>` runs the command in the service's container;
// - `recipe lint <recipe>` needs a terminal (FATA "inappropriate ioctl for device" without
//   one), refuses a dirty checkout unless --chaos, prints its rule table (ref, rule, severity,
//   satisfied, skipped, resolve) and, when an error-level rule is not satisfied, a WARN line
//   after it — and exits 0 all the same, as abra does (src/deploy/abra-lint.ts);
//   ABRA_STAND_IN_LINT_UNSATISFIED names the rules to report as not satisfied;
// - unknown flags are errors, as abra's command parser makes them.
// The server is recorded (recorded-swarm.mjs) or, with ABRA_STAND_IN_DOCKER, a real Docker Swarm
// (real-swarm.mjs): then deploy, secrets, volumes and backups are real swarm objects and data.
// Every call is logged (argv, ABRA_DIR, cwd; the app env file at each deploy and upgrade).
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { realSwarm } from './real-swarm.mjs';
import { recordedSwarm } from './recorded-swarm.mjs';
import { addServer, reach } from './server-ssh.mjs';
import { record, stackName, stateDir, told } from './swarm-state.mjs';

const swarm = process.env.ABRA_STAND_IN_DOCKER ? realSwarm : recordedSwarm;

const argv = process.argv.slice(2);
const abraDir = process.env.ABRA_DIR ?? '';
const entry = { tool: 'abra', argv, abraDir };

function fail(message) {
  record({ ...entry, exit: 1, error: message });
  process.stderr.write(`FATA ${message}\n`);
  process.exit(1);
}

if (abraDir === '') fail('stand-in: ABRA_DIR is not set; a run must never share ~/.abra');

const VALUE_FLAGS = { '-s': 'server', '--server': 'server', '-D': 'domain', '--domain': 'domain' };
const BOOL_FLAGS = {
  '-n': 'noInput',
  '--no-input': 'noInput',
  '-C': 'chaos',
  '--chaos': 'chaos',
  '-f': 'force',
  '--force': 'force',
  '-a': 'all',
  '--all': 'all',
  '-l': 'local',
  '--local': 'local',
  '-t': 'noTty',
  '--no-tty': 'noTty',
  '-o': 'offline',
  '--offline': 'offline',
};
const flags = {};
const words = [];
/** After `--`: the command of `app run`, never read as flags. */
let commandLine = [];
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--') {
    commandLine = argv.slice(i + 1);
    break;
  }
  if (arg in VALUE_FLAGS) flags[VALUE_FLAGS[arg]] = argv[++i];
  else if (arg in BOOL_FLAGS) flags[BOOL_FLAGS[arg]] = true;
  else if (arg.startsWith('-')) fail(`unknown flag: ${arg}`);
  else words.push(arg);
}
const command = words.slice(0, 2).join(' ');
const needle = words[0] === 'app' && words[1] === 'backup' ? words.slice(0, 3).join(' ') : command;
if (told(needle)) fail(`stand-in was told to fail "${needle}"`);
if (!flags.noInput && words[0] === 'app') fail('stand-in: abra would prompt here; pass -n');

const git = (dir, ...args) =>
  execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const recipeDir = (recipe) => join(abraDir, 'recipes', recipe);

/** The app's env file, found in any server folder (abra looks an app up by its domain). */
function envFileOf(domain) {
  const servers = join(abraDir, 'servers');
  for (const server of existsSync(servers) ? readdirSync(servers) : []) {
    const file = join(servers, server, `${domain}.env`);
    if (existsSync(file)) return file;
  }
  return undefined;
}
function readEnv(file) {
  const env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_]\w*)\s*=\s*(.*)$/.exec(line);
    if (match) env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}
function setType(file, value) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    /^TYPE=.*$/m.test(text)
      ? text.replace(/^TYPE=.*$/m, `TYPE=${value}`)
      : `TYPE=${value}\n${text}`,
  );
}
function app(domain) {
  if (!domain) fail('no app domain given');
  const file = envFileOf(domain);
  if (!file) fail(`cannot find app with name ${domain}`);
  const server = basename(dirname(file));
  const unreachable = server === 'default' ? undefined : reach(server);
  if (unreachable) fail(unreachable);
  const recipe = readEnv(file).TYPE.split(':')[0];
  return { file, recipe, stack: stackName(domain) };
}
function requireTag(recipe, version) {
  if (!git(recipeDir(recipe), 'tag', '--list').split('\n').includes(version)) {
    fail(`${version} is not a published version of ${recipe}`);
  }
}
/** Deploy the recipe's compose.yml as the app's stack, as abra deploys (see the swarms). */
function deployStack(domain, version, how) {
  const { file, recipe, stack } = app(domain);
  const env = readEnv(file);
  const dir = recipeDir(recipe);
  const composeFile = join(dir, 'compose.yml');
  if (!existsSync(composeFile)) fail(`${recipe} has no compose.yml`);
  const head = git(dir, 'rev-parse', 'HEAD');
  const dirty = git(dir, 'status', '--porcelain') !== '';
  const missing = swarm.missingSecret(secretNames(stack, env));
  if (missing !== undefined) fail(`secret not found: ${missing}`);
  try {
    swarm.deploy({ stack, composeFile, appEnv: env, version });
  } catch (error) {
    fail(`deploy of ${stack} failed: ${String(error.stderr ?? error.message).trim()}`);
  }
  if (version !== undefined) setType(file, `${recipe}:${version}`);
  record({
    ...entry,
    exit: 0,
    how,
    version: version ?? `${head.slice(0, 8)}${dirty ? '+U' : ''}`,
    head,
    dirty,
    envFile: readFileSync(file, 'utf8'),
  });
  process.stdout.write(`deployed ${domain} (${version ?? 'chaos'})\n`);
  process.exit(0);
}

/** abra's secret names: <stack>_<name>_<version> for each SECRET_<NAME>_VERSION of the env. */
function secretNames(stack, env) {
  return Object.keys(env)
    .filter((k) => /^SECRET_\w+_VERSION$/.test(k))
    .map((k) => `${stack}_${k.slice(7, -8).toLowerCase()}_${env[k]}`);
}

/**
 * A few of abra's lint rules, both levels (pkg/lint's LintRules: ref, level, description, how to
 * resolve): enough for the table abra prints.
 */
const LINT_RULES = [
  [
    'R001',
    'warn',
    'compose config has expected version',
    `ensure 'version: "3.8"' in compose configs`,
  ],
  ['R002', 'warn', 'healthcheck enabled for all services', 'wire up healthchecks'],
  ['R008', 'error', '.env.sample provided', 'create an example .env.sample'],
  ['R009', 'error', "one service named 'app'", "name a service 'app'"],
  ['R010', 'error', 'traefik routing enabled', 'include "traefik.enable=true" deploy label'],
  ['R011', 'error', 'all services have images', 'ensure "image: ..." set on all services'],
];

/** abra's table: box borders, a bold header (a terminal's escape codes), one rule a row. */
function lintTable(rows) {
  const header = ['REF', 'RULE', 'SEVERITY', 'SATISFIED', 'SKIPPED', 'RESOLVE'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => [...r[i]].length)));
  const border = (l, m, r) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (cells, style = (c) => c) =>
    `│${cells.map((c, i) => ` ${style(c)}${' '.repeat(widths[i] - [...c].length)} `).join('│')}│`;
  return [
    border('┌', '┬', '┐'),
    line(header, (c) => `\u001b[1m${c}\u001b[0m`),
    border('├', '┼', '┤'),
    ...rows.map((r) => line(r)),
    border('└', '┴', '┘'),
  ].join('\n');
}

switch (command) {
  case 'recipe lint': {
    const recipe = words[2];
    if (!recipe) fail('give a recipe to lint');
    // abra renders its table for a terminal and stops before linting without one.
    if (!process.stdout.isTTY) fail('inappropriate ioctl for device');
    const dir = recipeDir(recipe);
    if (!existsSync(dir)) fail(`recipe ${recipe} is not in ${dir} (the stand-in has no catalogue)`);
    if (!flags.chaos && git(dir, 'status', '--porcelain') !== '')
      fail(`${recipe} has locally unstaged changes`);
    const unsatisfied = (process.env.ABRA_STAND_IN_LINT_UNSATISFIED ?? '').split(',');
    const rows = LINT_RULES.map(([ref, level, rule, resolve]) => [
      ref,
      rule,
      level,
      unsatisfied.includes(ref) ? '❌' : '✅',
      '-',
      resolve,
    ]);
    process.stdout.write(`${lintTable(rows)}\n`);
    if (rows.some((r) => r[2] === 'error' && r[3] === '❌'))
      process.stderr.write('WARN critical errors present in recipe config\n');
    record({ ...entry, exit: 0, head: git(dir, 'rev-parse', 'HEAD') });
    process.exit(0);
    break;
  }
  case 'server add': {
    const name = flags.local ? 'default' : words[2];
    if (!name) fail('give a server or --local');
    const unreachable = flags.local ? undefined : addServer(name);
    if (unreachable) fail(unreachable);
    mkdirSync(join(abraDir, 'servers', name), { recursive: true });
    break;
  }
  case 'app new': {
    const [, , recipe, version] = words;
    if (!flags.server || !existsSync(join(abraDir, 'servers', flags.server))) {
      fail(`server ${flags.server ?? '(none)'} has not been added`);
    }
    if (!existsSync(recipeDir(recipe)))
      fail(`recipe ${recipe} is not in ${recipeDir(recipe)} (the stand-in has no catalogue)`);
    const file = join(abraDir, 'servers', flags.server, `${flags.domain}.env`);
    if (existsSync(file)) fail(`${flags.domain} already exists`);
    if (version !== undefined) requireTag(recipe, version);
    else if (!flags.chaos) {
      const tags = git(recipeDir(recipe), 'tag', '--sort=-v:refname').split('\n').filter(Boolean);
      if (tags[0]) git(recipeDir(recipe), 'checkout', '-q', '--force', tags[0]);
    }
    const sample = join(recipeDir(recipe), '.env.sample');
    const text = existsSync(sample) ? readFileSync(sample, 'utf8') : 'TYPE=\nDOMAIN=\n';
    writeFileSync(
      file,
      text
        .replace(/^TYPE=.*$/m, `TYPE=${recipe}${version ? `:${version}` : ''}`)
        .replace(/^DOMAIN=.*$/m, `DOMAIN=${flags.domain}`),
    );
    break;
  }
  case 'app secret': {
    if (words[2] !== 'generate' || !flags.all)
      fail('stand-in knows only "app secret generate <domain> -a"');
    const { file, stack } = app(words[3]);
    for (const name of secretNames(stack, readEnv(file))) {
      const problem = swarm.createSecret(name);
      if (problem !== undefined) fail(problem);
    }
    break;
  }
  case 'app deploy': {
    const [, , domain, version] = words;
    const { recipe, stack } = app(domain);
    if (swarm.deployed(stack) && !flags.force && !flags.chaos)
      fail(`${domain} is already deployed`);
    if (version !== undefined && !flags.chaos) {
      requireTag(recipe, version);
      git(recipeDir(recipe), 'checkout', '-q', '--force', version);
    }
    deployStack(domain, flags.chaos ? undefined : version, flags.chaos ? 'chaos' : 'version');
    break;
  }
  case 'app upgrade': {
    const [, , domain, version] = words;
    const { recipe, stack } = app(domain);
    if (!swarm.deployed(stack)) fail(`${domain} is not deployed`);
    if (version === undefined) fail('the stand-in needs the version to upgrade to');
    requireTag(recipe, version);
    git(recipeDir(recipe), 'checkout', '-q', '--force', version);
    deployStack(domain, version, 'upgrade');
    break;
  }
  case 'app backup': {
    if (words[2] !== 'create') fail('stand-in knows only "app backup create <domain>"');
    const { stack } = app(words[3]);
    if (!swarm.deployed(stack)) fail(`${words[3]} is not deployed`);
    const target = join(stateDir, 'backups', stack, String(Date.now()));
    mkdirSync(target, { recursive: true });
    for (const volume of swarm.volumes(stack))
      cpSync(swarm.volumePath(volume), join(target, volume), { recursive: true });
    process.stdout.write(`backup created: ${target}\n`);
    break;
  }
  case 'app restore': {
    const { stack } = app(words[2]);
    if (!swarm.deployed(stack)) fail(`${words[2]} is not deployed`);
    const backups = join(stateDir, 'backups', stack);
    const latest = existsSync(backups) ? readdirSync(backups).sort().at(-1) : undefined;
    if (latest === undefined) fail(`no backup of ${words[2]} to restore`);
    for (const volume of readdirSync(join(backups, latest))) {
      // The volume's own folder stays (a real engine's mount point); its content is replaced.
      const into = swarm.volumePath(volume);
      for (const entry of readdirSync(into))
        rmSync(join(into, entry), { recursive: true, force: true });
      cpSync(join(backups, latest, volume), into, { recursive: true });
    }
    process.stdout.write(`restored ${words[2]} from ${latest}\n`);
    break;
  }
  case 'app run': {
    const [, , domain, service] = words;
    const { stack } = app(domain);
    if (!service || commandLine.length === 0)
      fail('stand-in knows only "app run <domain> <service> -- <command>"');
    const ran = swarm.run(stack, service, commandLine);
    process.stdout.write(ran.stdout);
    process.stderr.write(ran.stderr);
    record({ ...entry, exit: ran.status });
    process.exit(ran.status);
    break;
  }
  case 'app undeploy': {
    const { stack } = app(words[2]);
    if (!swarm.deployed(stack)) fail(`${words[2]} is not deployed`);
    swarm.undeploy(stack);
    break;
  }
  case 'app rm':
  case 'app remove': {
    const { file, stack } = app(words[2]);
    if (swarm.deployed(stack)) {
      fail(`${words[2]} is still deployed. Run "abra app undeploy ${words[2]}"`);
    }
    swarm.removeData(stack);
    rmSync(file);
    break;
  }
  case 'app logs': {
    const { stack } = app(words[2]);
    process.stdout.write(`${stack}_app.1 | stand-in log of ${words[2]}\n`);
    if (process.env.ABRA_STAND_IN_APP_LOG)
      process.stdout.write(`${process.env.ABRA_STAND_IN_APP_LOG}\n`);
    break;
  }
  default:
    fail(`the stand-in does not know "abra ${command}"`);
}
record({ ...entry, exit: 0 });
