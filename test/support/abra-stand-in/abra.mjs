// A STAND-IN for abra (Co-op Cloud's CLI), not abra: a recording program built from abra's
// documented and observed behaviour, for tests of our abra backend. It remains because the real
// abra cannot run here: its Go module (coopcloud.tech/abra, and coopcloud.tech/tagcmp) is not
// served by the module proxy here (HTTP 403), so it cannot be built; .github/workflows/e2e-abra.yml
// runs the same paths against the real release. The release we model is 0.13.0-beta, the one the
// Co-op Cloud operators' CI pins (git.autonomic.zone/recipe-maintainers/cc-ci, "abra installed
// (modules/abra.nix, pinned 0.13.0-beta)"). abra's source could not be read here either, so each
// behaviour names where it comes from; "(stand-in wording)" marks a message whose exact text is ours.
//
// - all state under $ABRA_DIR: servers/<server>/<domain>.env, recipes/<recipe> (a git checkout)
//   (docs.coopcloud.tech operators handbook, "Understanding ~/.abra"); the stand-in refuses to run
//   without ABRA_DIR so a run can never fall back to ~/.abra;
// - `--version` answers `abra version <release>-<commit>`, cobra's default version template over
//   abra's build version (stand-in wording for the commit); ABRA_STAND_IN_VERSION sets the release;
// - `server add --local` registers this machine as the server `default`; `server add <host>`
//   and every command on an app of that server connect over the system ssh (server-ssh.mjs);
// - `app new` writes the env file from the recipe's .env.sample, `<recipe>[:<version>]` in its
//   `RECIPE=` line or else its `TYPE=` line ("the TYPE=/RECIPE= line", operators handbook, commit
//   2813257e "new version handling"); without a version or --chaos it moves the checkout to the
//   newest release tag (cc-ci memory "abra-chaos-deploy-checkout-gotcha"); `-D` is its --domain;
// - a deployed version is sticky: `app deploy`, `app upgrade` and `app secret generate` check out
//   the env's version unless given a version, --chaos or --ignore-env-version, and the newest
//   release when the env names none (operators handbook, "How is the new deployment version
//   determined?"); deploy and upgrade write the version they deployed into the env;
// - `app secret generate <domain> -a` creates every secret the env names and prints the values:
//   a NAME | VALUE table, or with -m (--machine) the same rows as JSON (PLATFORM-FACTS, "Real abra
//   differs": values are printed unless -m; the operators' CI passes -m; the JSON shape is the
//   table's rows as objects, stand-in wording); every value is in this call's log entry, so a test
//   can look for it where it must never be;
// - `app deploy <domain> [version]` refuses an app already deployed unless --force/--chaos, needs
//   the app's secrets, and checks that the app's domain resolves unless --no-domain-checks (-D
//   here) ("These checks can be disabled by appending the -D or --no-domain-checks flag", the node
//   stewards' notes on .local domains; message stand-in wording);
// - `app deploy` and `app upgrade` watch the deploy converge unless --no-converge-checks (-c), and
//   a service still inside its healthcheck `start_period` makes that monitor fail the command
//   after the stack is deployed ("FATA deploy failed" on a deploy that does converge given time,
//   cc-ci machine-docs/DECISIONS.md 2026-05-29, "abra app deploy -c/--no-converge-checks");
// - `app backup create` and `app restore` need a terminal: without one they stop with
//   "inappropriate ioctl for device" (PLATFORM-FACTS: they failed without a terminal in the
//   operators' CI, which runs them under `script`; the text is the one cc-ci saw from
//   `recipe lint`, assumed the same here);
// - `app rm` refuses a deployed app and removes its secrets, volumes and env file;
// - `app run <domain> <service> -- <command>` runs the command in the service's container;
// - `app logs` prints the app's log; ABRA_STAND_IN_APP_LOG adds a line, and
//   ABRA_STAND_IN_APP_LOG_SECRETS=1 makes the app print its secrets' values (an app that logs its
//   password), for tests of masking;
// - `recipe lint <recipe>` needs a terminal (FATA "inappropriate ioctl for device" without
//   one), refuses a dirty checkout unless --chaos, prints its rule table (ref, rule, severity,
//   satisfied, skipped, resolve) and, when an error-level rule is not satisfied, a WARN line
//   after it — and exits 0 all the same, as abra does (src/deploy/abra-lint.ts);
//   ABRA_STAND_IN_LINT_UNSATISFIED names the rules to report as not satisfied;
// - unknown flags are errors, as abra's command parser (cobra) makes them.
// The server is recorded (recorded-swarm.mjs) or, with ABRA_STAND_IN_DOCKER, a real Docker Swarm
// (real-swarm.mjs): then deploy, secrets, volumes and backups are real swarm objects and data.
// A server added by host name is then that host's own engine, reached as abra reaches it: through
// Docker's SSH connection helper (server-ssh.mjs).
// Every call is logged (argv, ABRA_DIR, cwd; the app env file at each deploy and upgrade).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { realSwarm } from './real-swarm.mjs';
import { recordedSwarm } from './recorded-swarm.mjs';
import { addServer, reach } from './server-ssh.mjs';
import { record, stackName, stateDir, told } from './swarm-state.mjs';

const swarm = process.env.ABRA_STAND_IN_DOCKER ? realSwarm : recordedSwarm;

const argv = process.argv.slice(2);
const abraDir = process.env.ABRA_DIR ?? '';
const entry = { tool: 'abra', argv, abraDir };

// cobra answers --version before any command runs: no ABRA_DIR needed, nothing recorded.
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(
    `abra version ${process.env.ABRA_STAND_IN_VERSION ?? '0.13.0-beta'}-5a2a5c0\n`,
  );
  process.exit(0);
}

function fail(message) {
  record({ ...entry, exit: 1, error: message });
  process.stderr.write(`FATA ${message}\n`);
  process.exit(1);
}

if (abraDir === '') fail('stand-in: ABRA_DIR is not set; a run must never share ~/.abra');

/** The command's words, read before its flags: `-D` is --domain on `app new` only. */
const head = argv
  .filter((a) => !a.startsWith('-'))
  .slice(0, 2)
  .join(' ');
const VALUE_FLAGS = {
  '-s': 'server',
  '--server': 'server',
  '--domain': 'domain',
  ...(head === 'app new' ? { '-D': 'domain' } : {}),
};
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
  '-m': 'machine',
  '--machine': 'machine',
  '-c': 'noConvergeChecks',
  '--no-converge-checks': 'noConvergeChecks',
  '-i': 'ignoreEnvVersion',
  '--ignore-env-version': 'ignoreEnvVersion',
  '--no-domain-checks': 'noDomainChecks',
  ...(head === 'app new' ? {} : { '-D': 'noDomainChecks' }),
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
/** The recipe line abra keeps: RECIPE= when the env has one, else TYPE=. */
function recipeKey(env) {
  return env.RECIPE !== undefined ? 'RECIPE' : 'TYPE';
}
function setRecipeLine(file, value) {
  const text = readFileSync(file, 'utf8');
  const key = recipeKey(readEnv(file));
  const line = new RegExp(`^${key}=.*$`, 'm');
  writeFileSync(
    file,
    line.test(text) ? text.replace(line, `${key}=${value}`) : `${key}=${value}\n${text}`,
  );
}
function app(domain) {
  if (!domain) fail('no app domain given');
  const file = envFileOf(domain);
  if (!file) fail(`cannot find app with name ${domain}`);
  const server = basename(dirname(file));
  const unreachable = server === 'default' ? undefined : reach(server);
  if (unreachable) fail(unreachable);
  const env = readEnv(file);
  const [recipe, envVersion] = (env[recipeKey(env)] ?? '').split(':');
  return { file, recipe, envVersion: envVersion || undefined, stack: stackName(domain) };
}
/** The newest release tag of the recipe's checkout, or undefined. */
function newestTag(recipe) {
  return git(recipeDir(recipe), 'tag', '--sort=-v:refname').split('\n').filter(Boolean)[0];
}
/**
 * The tree a command reads, as abra picks it: the version given, else (without --chaos) the env's
 * version unless --ignore-env-version, else the newest release; checked out, or undefined for the
 * working tree as it is (--chaos).
 */
function checkoutFor(recipe, given, envVersion) {
  if (flags.chaos) return undefined;
  const version = given ?? (flags.ignoreEnvVersion ? undefined : envVersion) ?? newestTag(recipe);
  if (version === undefined) return undefined;
  requireTag(recipe, version);
  git(recipeDir(recipe), 'checkout', '-q', '--force', version);
  return version;
}
function requireTag(recipe, version) {
  if (!git(recipeDir(recipe), 'tag', '--list').split('\n').includes(version)) {
    fail(`${version} is not a published version of ${recipe}`);
  }
}
/** Deploy the recipe's compose.yml as the app's stack, as abra deploys (see the swarms). */
async function deployStack(domain, version, how) {
  const { file, recipe, stack } = app(domain);
  const env = readEnv(file);
  if (how !== 'upgrade' && !flags.noDomainChecks) {
    try {
      await lookup(env.DOMAIN ?? domain);
    } catch (error) {
      fail(
        `unable to resolve ${env.DOMAIN ?? domain} (${error.code ?? error.message}); pass --no-domain-checks to skip the domain check (stand-in wording)`,
      );
    }
  }
  const dir = recipeDir(recipe);
  const composeFile = join(dir, 'compose.yml');
  if (!existsSync(composeFile)) fail(`${recipe} has no compose.yml`);
  const headCommit = git(dir, 'rev-parse', 'HEAD');
  const dirty = git(dir, 'status', '--porcelain') !== '';
  const missing = swarm.missingSecret(secretNames(stack, env));
  if (missing !== undefined) fail(`secret not found: ${missing}`);
  try {
    swarm.deploy({ stack, composeFile, appEnv: env, version });
  } catch (error) {
    fail(`deploy of ${stack} failed: ${String(error.stderr ?? error.message).trim()}`);
  }
  if (version !== undefined) setRecipeLine(file, `${recipe}:${version}`);
  const call = {
    ...entry,
    how,
    version: version ?? `${headCommit.slice(0, 8)}${dirty ? '+U' : ''}`,
    head: headCommit,
    dirty,
    envFile: readFileSync(file, 'utf8'),
  };
  // The stack is deployed; abra's converge monitor then fails a service still starting.
  if (!flags.noConvergeChecks && /^\s*start_period:/m.test(readFileSync(composeFile, 'utf8'))) {
    record({ ...call, exit: 1, error: 'deploy failed' });
    process.stderr.write(
      `FATA deploy failed 🛑 (a service of ${stack} is still in its healthcheck start_period)\n`,
    );
    process.exit(1);
  }
  record({ ...call, exit: 0 });
  process.stdout.write(`deployed ${domain} (${version ?? 'chaos'})\n`);
  process.exit(0);
}

/** The values `app secret generate` made, kept apart so `app logs` can print them. */
const secretValuesFile = join(stateDir, 'secret-values.json');
function secretValues(stack) {
  const all = existsSync(secretValuesFile)
    ? JSON.parse(readFileSync(secretValuesFile, 'utf8'))
    : {};
  return all[stack] ?? [];
}
function keepSecretValues(stack, generated) {
  const all = existsSync(secretValuesFile)
    ? JSON.parse(readFileSync(secretValuesFile, 'utf8'))
    : {};
  all[stack] = generated;
  writeFileSync(secretValuesFile, JSON.stringify(all));
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
    const key = /^RECIPE=/m.test(text) ? 'RECIPE' : 'TYPE';
    writeFileSync(
      file,
      text
        .replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${recipe}${version ? `:${version}` : ''}`)
        .replace(/^DOMAIN=.*$/m, `DOMAIN=${flags.domain}`),
    );
    break;
  }
  case 'app secret': {
    if (words[2] !== 'generate' || !flags.all)
      fail('stand-in knows only "app secret generate <domain> -a"');
    const { file, recipe, envVersion, stack } = app(words[3]);
    // abra reads the recipe's secrets at the tree it checks out: the env's version is sticky.
    checkoutFor(recipe, undefined, envVersion);
    const generated = [];
    for (const name of secretNames(stack, readEnv(file))) {
      const value = randomBytes(24).toString('base64url');
      const problem = swarm.createSecret(name, value);
      if (problem !== undefined) fail(problem);
      generated.push({ name: name.slice(stack.length + 1).replace(/_v\d+$/, ''), value });
    }
    keepSecretValues(stack, generated);
    if (flags.machine) {
      process.stdout.write(`${JSON.stringify(generated)}\n`);
    } else {
      const width = Math.max(4, ...generated.map((g) => g.name.length));
      process.stdout.write(`│ ${'NAME'.padEnd(width)} │ VALUE │\n`);
      for (const g of generated) process.stdout.write(`│ ${g.name.padEnd(width)} │ ${g.value} │\n`);
      process.stderr.write(
        'WARN generated secrets are not shown again, please take note of them\n',
      );
    }
    record({ ...entry, exit: 0, secrets: generated });
    process.exit(0);
    break;
  }
  case 'app deploy': {
    const [, , domain, version] = words;
    const { recipe, envVersion, stack } = app(domain);
    if (swarm.deployed(stack) && !flags.force && !flags.chaos)
      fail(`${domain} is already deployed`);
    const deployed = checkoutFor(recipe, version, envVersion);
    await deployStack(domain, deployed, flags.chaos ? 'chaos' : 'version');
    break;
  }
  case 'app upgrade': {
    const [, , domain, version] = words;
    const { recipe, stack } = app(domain);
    if (!swarm.deployed(stack)) fail(`${domain} is not deployed`);
    if (version === undefined) fail('the stand-in needs the version to upgrade to');
    requireTag(recipe, version);
    git(recipeDir(recipe), 'checkout', '-q', '--force', version);
    await deployStack(domain, version, 'upgrade');
    break;
  }
  case 'app backup': {
    if (words[2] !== 'create') fail('stand-in knows only "app backup create <domain>"');
    if (!process.stdout.isTTY) fail('inappropriate ioctl for device');
    const { stack } = app(words[3]);
    if (!swarm.deployed(stack)) fail(`${words[3]} is not deployed`);
    const target = join(stateDir, 'backups', stack, String(Date.now()));
    mkdirSync(target, { recursive: true });
    for (const volume of swarm.volumes(stack)) swarm.saveVolume(volume, join(target, volume));
    process.stdout.write(`backup created: ${target}\n`);
    break;
  }
  case 'app restore': {
    if (!process.stdout.isTTY) fail('inappropriate ioctl for device');
    const { stack } = app(words[2]);
    if (!swarm.deployed(stack)) fail(`${words[2]} is not deployed`);
    const backups = join(stateDir, 'backups', stack);
    const latest = existsSync(backups) ? readdirSync(backups).sort().at(-1) : undefined;
    if (latest === undefined) fail(`no backup of ${words[2]} to restore`);
    for (const volume of readdirSync(join(backups, latest)))
      swarm.loadVolume(join(backups, latest, volume), volume);
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
    // On a real swarm the services' own logs, as abra shows them; recorded, a placeholder line.
    process.stdout.write(
      swarm.real ? swarm.logs(stack) : `${stack}_app.1 | stand-in log of ${words[2]}\n`,
    );
    if (process.env.ABRA_STAND_IN_APP_LOG)
      process.stdout.write(`${process.env.ABRA_STAND_IN_APP_LOG}\n`);
    if (process.env.ABRA_STAND_IN_APP_LOG_SECRETS === '1') {
      for (const { name, value } of secretValues(stack))
        process.stdout.write(`${stack}_db.1 | using ${name} ${value}\n`);
    }
    break;
  }
  default:
    fail(`the stand-in does not know "abra ${command}"`);
}
record({ ...entry, exit: 0 });
