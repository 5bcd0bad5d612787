import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecipeConfigError, parseRecipeConfig } from '../../src/recipe/config.ts';

const FULL = `version: 1
env:
  APP_PORT: 8080
commands:
  deploy: ./ci/deploy.sh
  teardown: ./ci/teardown.sh
data:
  seed: ./ci/seed.sh
  verify: ./ci/verify.sh
health:
  timeout: 90s
  http:
    - url: http://app.example.test/health
      resolve: 127.0.0.1
tiers:
  backup:
    not-applicable: the app keeps no data
  upgrade:
    timeout: 20m
custom:
  - name: login
    run: ./ci/login.sh
    needs-oidc: true
`;

function fails(text: string, pattern: RegExp): void {
  assert.throws(
    () => parseRecipeConfig(text, '.recipe-ci.yml'),
    (error: unknown) => {
      assert.ok(error instanceof RecipeConfigError, String(error));
      assert.match(error.message, pattern);
      return true;
    },
  );
}

test('a full config is read into typed settings with defaults', () => {
  const config = parseRecipeConfig(FULL, '.recipe-ci.yml');
  assert.deepEqual(config.env, { APP_PORT: '8080' });
  assert.equal(config.commands.deploy, './ci/deploy.sh');
  assert.equal(config.data.mutate, undefined);
  assert.equal(config.health.timeoutMs, 90_000);
  assert.equal(config.health.http({})[0]?.resolve, '127.0.0.1');
  assert.equal(config.tiers.backup.notApplicable, 'the app keeps no data');
  assert.equal(config.tiers.upgrade.timeoutMs, 1_200_000);
  assert.equal(config.tiers.upgrade.timeoutGiven, true);
  // Each tier's own default budget (see DEFAULT_TIER_TIMEOUTS_MS).
  assert.equal(config.tiers.install.timeoutMs, 480_000);
  assert.equal(config.tiers.install.timeoutGiven, false);
  assert.deepEqual(config.custom, [
    { name: 'login', run: './ci/login.sh', needsOidc: true, timeoutMs: 300_000 },
  ]);
});

test('health checks take ${NAME} from the run env, and are validated before it exists', () => {
  const config = parseRecipeConfig(
    'health:\n  http:\n    - http://${RECIPE_CI_DOMAIN}:${RECIPE_CI_PORT}/health\n',
    'x.yml',
  );
  const [check] = config.health.http({ RECIPE_CI_DOMAIN: 'notes.test', RECIPE_CI_PORT: '9001' });
  assert.equal(check?.label, 'http://notes.test:9001/health');
  fails(
    'health:\n  http:\n    - http://${NOT_SET}/\n',
    /^\.recipe-ci\.yml:3: health\.http uses \$\{NOT_SET\}, which a run does not set; use RECIPE_CI_DOMAIN/,
  );
});

test('commands.lint and tiers.lint are optional; lint has a budget of its own', () => {
  const none = parseRecipeConfig('version: 1\n', '.recipe-ci.yml');
  assert.equal(none.commands.lint, undefined);
  assert.deepEqual(
    [none.tiers.lint.timeoutMs, none.tiers.lint.timeoutGiven],
    [120_000, false],
    'lint reads files: 2m by default',
  );
  const given = parseRecipeConfig(
    'version: 1\ncommands:\n  lint: ci/lint.sh --strict\ntiers:\n  lint:\n    timeout: 30s\n    may-block: the linter is fetched from the network\n',
    '.recipe-ci.yml',
  );
  assert.equal(given.commands.lint, 'ci/lint.sh --strict');
  assert.deepEqual(
    [given.tiers.lint.timeoutMs, given.tiers.lint.mayBlock],
    [30_000, 'the linter is fetched from the network'],
  );
  fails(
    'commands:\n  lint:\n    - a\n',
    /^\.recipe-ci\.yml:3: commands\.lint must be a single value/,
  );
});

test('an empty or missing file is an empty config', () => {
  const config = parseRecipeConfig('', 'x.yml');
  assert.deepEqual(config.commands, {});
  assert.deepEqual(config.custom, []);
});

test('errors give the file, the line and the key', () => {
  fails(
    'commands:\n  deploy: a\n  deploi: b\n',
    /^\.recipe-ci\.yml:3: commands\.deploi is not a known key here; use deploy, upgrade/,
  );
  fails(
    'tiers:\n  install:\n    timeout: soon\n',
    /^\.recipe-ci\.yml:3: tiers\.install\.timeout must be a duration like 90s or 10m; got "soon"/,
  );
  fails(
    'tiers:\n  smoke: {}\n',
    /^\.recipe-ci\.yml:2: tiers\.smoke is not a known key here; use install, upgrade, backup, restore, custom, lint$/,
  );
  fails(
    'custom:\n  - name: a\n    run: x\n  - name: a\n    run: y\n',
    /^\.recipe-ci\.yml:4: custom\.1\.name "a" is used twice/,
  );
  fails('custom:\n  - name: a\n', /^\.recipe-ci\.yml:2: custom\.0 needs run/);
  fails(
    'health:\n  http:\n    - url: ftp://x\n',
    /^\.recipe-ci\.yml:3: health\.http item 1: url "ftp:\/\/x" must start with http/,
  );
  fails('env:\n  A: [1, 2]\n', /^\.recipe-ci\.yml:2: env\.A must be a single value/);
  fails('commands: [a]\n', /^\.recipe-ci\.yml:1: commands must be a mapping/);
  fails('version: 2\n', /^\.recipe-ci\.yml:1: version must be 1/);
  fails(
    'commands:\n  deploy: a\n  deploy: b\n',
    /^\.recipe-ci\.yml:3: not valid YAML: Map keys must be unique/,
  );
});
