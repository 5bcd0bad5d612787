/**
 * oidc-realm end to end: the committed bundles run as runners run them, against the lab's real
 * Keycloak (test/lab/setup.sh; started once for this file), or one at RECIPE_CI_KEYCLOAK_URL
 * (.github/workflows/e2e-keycloak.yml). Only without either do they fall back to the stand-in,
 * and the first test says so. Faults a real Keycloak cannot produce on demand (5xx answers, a
 * 403 right after a realm is created) run against a stand-in of their own.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeActionsEnv, runProcess, type StepResult } from '../support/fake-actions-env.ts';
import { startJobTokenStandIn } from '../support/job-token-stand-in.ts';
import { DEFAULT_PRINCIPALS, KeycloakStandIn } from '../support/keycloak-stand-in/index.ts';
import {
  realKeycloakMissing,
  startKeycloakTarget,
  type KeycloakTarget,
} from '../support/keycloak-target.ts';

let kc: KeycloakTarget;
const missing = realKeycloakMissing();
/** What only a real Keycloak can show (its master realm, its validation). */
const realOnly = missing === undefined ? false : `needs a real Keycloak: ${missing}`;
/** Fault injection only: Keycloak itself answers no 500 on demand. */
let faulty: KeycloakStandIn;

before(async () => {
  [kc, faulty] = await Promise.all([startKeycloakTarget(), KeycloakStandIn.start()]);
});
after(async () => {
  await Promise.all([kc.stop(), faulty.stop()]);
});

test('the tests run against a real Keycloak wherever the lab has one', (t) => {
  t.diagnostic(`Keycloak: ${kc.description}`);
  if (realKeycloakMissing() === undefined) assert.notEqual(kc.kind, 'stand-in');
  else assert.equal(kc.kind, 'stand-in');
});

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Each test its own prefix, so tests never see each other's realms. */
let counter = 0;
function prefix(): string {
  return `t${String(process.pid % 10000)}${String(++counter)}`;
}

/** The least-privilege login (create-realm only) of the Keycloak under test. */
function login(): Record<string, string> {
  return {
    'keycloak-url': kc.url,
    'admin-client-id': kc.client.id,
    'admin-client-secret': kc.client.secret,
  };
}

/** The same kind of login on the fault-injecting stand-in. */
function faultyLogin(): Record<string, string> {
  const client = DEFAULT_PRINCIPALS.find((p) => p.kind === 'client');
  assert.ok(client?.kind === 'client');
  return {
    'keycloak-url': faulty.url,
    'admin-client-id': client.clientId,
    'admin-client-secret': client.secret,
  };
}

function faultyRealms(): string[] {
  return [...faulty.realms.keys()];
}

async function step(
  runner: FakeActionsEnv,
  phase: 'main' | 'post',
  inputs: Record<string, string>,
  state: Record<string, string> = {},
  onStdout?: Parameters<typeof runProcess>[2],
): Promise<StepResult> {
  const env = {
    GITHUB_REPOSITORY: 'coop-cloud/Keycloak_Recipe',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '2',
  };
  return runner.run('oidc-realm', phase, inputs, { state, env, onStdout });
}

/** Every secret the step produced must appear only in its ::add-mask:: line. */
function assertNoLeak(result: StepResult, secrets: string[]): void {
  for (const secret of secrets) {
    assert.ok(secret.length >= 16, 'a generated secret');
    assert.match(result.stdout, new RegExp(`^::add-mask::${secret}$`, 'm'), 'masked');
    const unmasked = result.stdout.replace(/^::add-mask::.*$/gm, '');
    assert.ok(!unmasked.includes(secret), 'secret in stdout');
    assert.ok(!result.stderr.includes(secret), 'secret in stderr');
    assert.ok(!JSON.stringify(result.state).includes(secret), 'secret in state');
    assert.ok(!result.summary.includes(secret), 'secret in the job summary');
  }
}

test('create → verify → outputs and env file → post deletes with a fresh token', async () => {
  const p = prefix();
  const runner = new FakeActionsEnv();
  const envFile = join(runner.dir, 'app.env');
  writeFileSync(envFile, 'DOMAIN=app.example.org\nOIDC_ISSUER=stale\n');
  const calls = kc.standIn?.adminCalls.length ?? 0;
  const main = await step(runner, 'main', {
    ...login(),
    'realm-prefix': p,
    'client-id': 'nextcloud',
    'redirect-uris': 'https://app.example.org/apps/oidc_login/oidc\nhttps://app.example.org/*',
    'web-origins': '+',
    'env-file': envFile,
    'env-map': 'OIDC_ISSUER: issuer\nOIDC_CLIENT_ID: client-id\nOIDC_CLIENT_SECRET: client-secret',
  });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  const created = kc.standIn?.adminCalls.slice(calls);
  const o = main.outputs;
  const realm = o.realm ?? '';
  assert.match(realm, new RegExp(`^${p}-keycloak-recipe-4242-2-\\d{10}-[0-9a-f]{4}$`));
  assert.equal(o.issuer, `${kc.url}/realms/${realm}`);
  assert.equal(o['discovery-url'], `${kc.url}/realms/${realm}/.well-known/openid-configuration`);
  assert.equal(o['token-endpoint'], `${kc.url}/realms/${realm}/protocol/openid-connect/token`);
  assert.equal(o['client-id'], 'nextcloud');
  assert.equal(o.username, 'tester');
  assert.match(main.stdout, /password grant ok, id_token verified against the JWKS/);
  assert.ok((await kc.realmNames()).includes(realm));
  assert.equal(
    readFileSync(envFile, 'utf8'),
    `DOMAIN=app.example.org\nOIDC_ISSUER=${o.issuer}\nOIDC_CLIENT_ID=nextcloud\nOIDC_CLIENT_SECRET=${o['client-secret'] ?? ''}\n`,
  );
  assertNoLeak(main, [o['client-secret'] ?? '', o.password ?? '', kc.client.secret]);
  if (created) {
    assert.deepEqual(created, ['POST /admin/realms'], 'one admin call creates realm, client, user');
  }
  assert.match(main.summary, /ready and verified in .* with 1 admin call/);

  const post = await step(runner, 'post', login(), main.state);
  assert.equal(post.code, 0, post.stdout);
  assert.match(post.stdout, new RegExp(`realm ${realm}: deleted`));
  assert.ok(!(await kc.realmNames()).includes(realm));
  assertNoLeak(post, [kc.client.secret]);
});

test(
  "the admin client's lightweight tokens leave out the roles of the realms it made, and still create and delete one",
  { skip: realOnly },
  async () => {
    // An ordinary token grows by a role per realm the client made (about 635 bytes) until
    // Keycloak refuses it with HTTP 431, at 104 leftovers on 26.7.3 (bench/oidc-realm).
    const token = async (): Promise<string> => {
      const response = await fetch(`${kc.url}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: kc.client.id,
          client_secret: kc.client.secret,
        }),
      });
      const { access_token: value } = (await response.json()) as { access_token?: string };
      assert.ok(value !== undefined, `login: HTTP ${String(response.status)}`);
      return value;
    };
    const admin = (method: string, path: string, bearer: string, json?: unknown) =>
      fetch(`${kc.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
    const realm = `${prefix()}-lightweight`;
    const first = await token();
    assert.equal(
      (await admin('POST', '/admin/realms', first, { realm, enabled: true })).status,
      201,
    );
    const later = await token();
    const claims = JSON.parse(
      Buffer.from(later.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    assert.equal(claims.resource_access, undefined, 'no roles of the realm it made');
    assert.ok(
      Math.abs(later.length - first.length) < 64,
      `${String(first.length)} → ${String(later.length)} bytes`,
    );
    assert.equal((await admin('GET', `/admin/realms/${realm}`, later)).status, 200);
    assert.equal((await admin('DELETE', `/admin/realms/${realm}`, later)).status, 204);
    assert.ok(!(await kc.realmNames()).includes(realm));
  },
);

test('a failed verification fails the step, and post leaves nothing behind (stand-in: 503s)', async () => {
  const p = prefix();
  faulty.faults.push({
    method: 'POST',
    path: new RegExp(`^/realms/${p}-.*/protocol/openid-connect/token$`),
    status: 503,
    times: 1000,
  });
  const runner = new FakeActionsEnv();
  const inputs = { ...faultyLogin(), 'realm-prefix': p, 'verify-timeout': '2s' };
  const main = await step(runner, 'main', inputs);
  assert.equal(main.code, 1, main.stdout);
  assert.match(
    main.stdout,
    /::error::oidc-realm: the realm did not verify after \d+ attempt\(s\) in 2s: the client_credentials grant failed: HTTP 503/,
  );
  assert.deepEqual(main.outputs, {}, 'no outputs from an unverified realm');
  const post = await step(runner, 'post', inputs, main.state);
  assert.equal(post.code, 0);
  assert.ok(!faultyRealms().some((r) => r.startsWith(`${p}-`)));
  faulty.faults.length = 0;
});

test('a create call that keeps failing leaves no realm; post finds it gone (stand-in: 500s)', async () => {
  const p = prefix();
  faulty.faults.push({ method: 'POST', path: /^\/admin\/realms$/, status: 500, times: 3 });
  const runner = new FakeActionsEnv();
  const main = await step(runner, 'main', { ...faultyLogin(), 'realm-prefix': p });
  assert.equal(main.code, 1);
  assert.match(main.stdout, /::error::oidc-realm: creating realm "t.*" failed: HTTP 500/);
  const post = await step(runner, 'post', faultyLogin(), main.state);
  assert.match(post.stdout, /already gone/);
  assert.ok(!faultyRealms().some((r) => r.startsWith(`${p}-`)));
});

test('a 500 on create is retried; a 500 on delete is retried (stand-in)', async () => {
  const p = prefix();
  faulty.faults.push({ method: 'POST', path: /^\/admin\/realms$/, status: 500, times: 1 });
  faulty.faults.push({ method: 'DELETE', path: /^\/admin\/realms\//, status: 502, times: 2 });
  const runner = new FakeActionsEnv();
  const main = await step(runner, 'main', { ...faultyLogin(), 'realm-prefix': p });
  assert.equal(main.code, 0, main.stdout);
  const post = await step(runner, 'post', faultyLogin(), main.state);
  assert.match(post.stdout, /: deleted/);
  assert.ok(!faultyRealms().some((r) => r.startsWith(`${p}-`)));
});

test('a brief 403 right after the shared realm is created is waited out (stand-in)', async () => {
  const p = prefix();
  const forbidden = {
    method: 'POST',
    path: new RegExp(`^/admin/realms/${p}-shared/clients$`),
    status: 403,
    times: 2,
    body: { error: 'HTTP 403 Forbidden' },
  };
  faulty.faults.push(forbidden);
  const runner = new FakeActionsEnv();
  const inputs = { ...faultyLogin(), 'realm-prefix': p, isolation: 'client' };
  const main = await step(runner, 'main', inputs);
  assert.equal(main.code, 0, main.stdout);
  assert.equal(forbidden.times, 0, 'both 403s were answered, then the client was made');
  const post = await step(runner, 'post', inputs, main.state);
  assert.match(post.stdout, /client .* deleted/);
});

test('SIGTERM between create and post: main stops, post deletes', async () => {
  const p = prefix();
  const runner = new FakeActionsEnv();
  const inputs = { ...login(), 'realm-prefix': p, 'verify-timeout': '60s' };
  let stop: (() => void) | undefined;
  if (kc.standIn) {
    // Keep verification busy so the signal lands after the create and before success.
    kc.standIn.faults.push({
      method: 'GET',
      path: /openid-configuration$/,
      status: 503,
      times: 1000,
    });
    const standIn = kc.standIn;
    stop = () => (standIn.faults.length = 0);
  }
  const main = await step(runner, 'main', inputs, {}, (out, child) => {
    if (out.includes('in one call') && !child.killed) child.kill('SIGTERM');
  });
  stop?.();
  assert.equal(main.code, 130, main.stdout);
  assert.match(main.stdout, /::error::oidc-realm: cancelled by SIGTERM/);
  const realm = main.state.realm ?? '';
  assert.match(realm, new RegExp(`^${p}-`));
  assert.ok((await kc.realmNames()).includes(realm), 'created before the signal');
  const post = await step(runner, 'post', inputs, main.state);
  assert.equal(post.code, 0);
  assert.match(post.stdout, new RegExp(`realm ${realm}: deleted`));
  assert.ok(!(await kc.realmNames()).includes(realm));
});

test('janitor: deletes our old realms, spares young, foreign and shared ones; dry run first', async () => {
  const p = prefix();
  const now = Math.floor(Date.now() / 1000);
  const old = [`${p}-recipe-a-11-1-${String(now - 7200)}`, `${p}-b-12-3-${String(now - 90_000)}`];
  const spared = [
    `${p}-recipe-a-13-1-${String(now - 60)}`, // young: a run may still use it
    `other-recipe-a-11-1-${String(now - 7200)}`, // another prefix
    `${p}-shared`, // the shared CI realm
    `${p}-notes`, // ours by prefix, but no epoch: made by a person
  ];
  for (const name of [...old, ...spared]) await kc.plantRealm(name);
  const inputs = { ...login(), 'realm-prefix': p, mode: 'janitor', 'max-age': '1h' };

  const dry = await step(new FakeActionsEnv(), 'main', { ...inputs, 'dry-run': 'true' });
  assert.equal(dry.code, 0, dry.stdout);
  assert.match(dry.summary, /janitor \(dry run\)/);
  assert.equal((dry.summary.match(/would delete/g) ?? []).length, 2);
  for (const name of old) assert.ok((await kc.realmNames()).includes(name));

  const wet = await step(new FakeActionsEnv(), 'main', inputs);
  assert.equal(wet.code, 0, wet.stdout);
  const left = await kc.realmNames();
  for (const name of old) assert.ok(!left.includes(name), `${name} deleted`);
  for (const name of spared) assert.ok(left.includes(name), `${name} spared`);
  assert.match(wet.summary, /3 of ours found, 2 deleted/);
});

test(
  'janitor with a login that can see no realm (Keycloak answers 403) finds nothing',
  { skip: realOnly },
  async () => {
    // A second create-realm-only login that has made nothing; the admin made the old realm.
    const sweeper = await kc.addLeastPrivilegeClient('sweeper');
    const foreign = `ci-x-1-1-${String(Math.floor(Date.now() / 1000) - 99_999)}`;
    await kc.plantRealmAsAdmin(foreign);
    const result = await step(new FakeActionsEnv(), 'main', {
      'keycloak-url': kc.url,
      'admin-client-id': sweeper.id,
      'admin-client-secret': sweeper.secret,
      mode: 'janitor',
    });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /nothing of prefix "ci" found/);
    assert.ok((await kc.realmNames()).includes(foreign), "another login's realm is not ours");
    await kc.deleteRealmAsAdmin(foreign);
  },
);

test('client isolation: a client and user per run in the shared realm; post removes only its own', async () => {
  const p = prefix();
  const shared = `${p}-shared`;
  const inputs = { ...login(), 'realm-prefix': p, isolation: 'client' };
  const a = new FakeActionsEnv();
  const b = new FakeActionsEnv();
  const calls = kc.standIn?.adminCalls.length ?? 0;
  const mainA = await step(a, 'main', inputs);
  assert.equal(mainA.code, 0, mainA.stdout);
  const callsA = kc.standIn?.adminCalls.slice(calls);
  const before = kc.standIn?.adminCalls.length ?? 0;
  const mainB = await step(b, 'main', inputs);
  assert.equal(mainB.code, 0, mainB.stdout);
  if (kc.standIn) {
    assert.deepEqual(
      callsA?.map((c) => c.split(' /')[0]),
      ['GET', 'POST', 'POST', 'POST'],
    );
    assert.equal(
      kc.standIn.adminCalls.length - before,
      3,
      'a run in an existing shared realm: 3 admin calls',
    );
  }
  assert.equal(mainA.outputs.realm, shared);
  assert.equal(mainA.outputs.issuer, `${kc.url}/realms/${shared}`);
  assert.notEqual(mainA.outputs['client-id'], mainB.outputs['client-id']);
  assert.match(
    mainA.outputs['client-id'] ?? '',
    new RegExp(`^${p}-keycloak-recipe-4242-2-\\d{10}-[0-9a-f]{4}$`),
  );
  assertNoLeak(mainA, [mainA.outputs['client-secret'] ?? '', mainA.outputs.password ?? '']);

  const postA = await step(a, 'post', inputs, mainA.state);
  assert.equal(postA.code, 0, postA.stdout);
  assert.match(postA.stdout, /client .* deleted/);
  assert.match(postA.stdout, /user .* deleted/);
  let clients = await kc.clientIdsOf(shared);
  assert.ok(!clients.includes(mainA.outputs['client-id'] ?? ''));
  assert.ok(clients.includes(mainB.outputs['client-id'] ?? ''));

  await step(b, 'post', inputs, mainB.state);
  clients = await kc.clientIdsOf(shared);
  assert.ok(!clients.includes(mainB.outputs['client-id'] ?? ''));
  assert.ok((await kc.realmNames()).includes(shared), 'the shared realm stays');
});

test("cleanup: on-success keeps a failed run's realm for the janitor; never keeps it", async () => {
  const p = prefix();
  const runner = new FakeActionsEnv();
  const inputs = { ...login(), 'realm-prefix': p, cleanup: 'on-success' };
  const main = await step(runner, 'main', inputs);
  assert.equal(main.code, 0, main.stdout);
  const realm = main.outputs.realm ?? '';
  const kept = await step(runner, 'post', inputs, { ...main.state, 'main-outcome': 'failure' });
  assert.match(
    kept.stdout,
    new RegExp(`::notice::keeping realm ${realm} \\(cleanup: on-success, main: failure\\)`),
  );
  // A later step failed (a tier): the workflow's last step tells every post step the same way.
  const failedJob = await runner.run('oidc-realm', 'post', inputs, {
    state: main.state,
    env: { RECIPE_CI_JOB_STATUS: 'failure' },
  });
  assert.match(
    failedJob.stdout,
    new RegExp(`::notice::keeping realm ${realm} \\(cleanup: on-success, main: failure\\)`),
  );
  const never = await step(runner, 'post', { ...inputs, cleanup: 'never' }, main.state);
  assert.match(never.stdout, /keeping realm .* \(cleanup: never/);
  assert.ok((await kc.realmNames()).includes(realm));
  const done = await step(runner, 'post', inputs, main.state);
  assert.match(done.stdout, /: deleted/);
});

test('wrong credentials and an unreachable URL: the message says which login failed and why', async () => {
  const wrongSecret = await step(new FakeActionsEnv(), 'main', {
    ...login(),
    'admin-client-secret': 'not-the-secret-0123',
  });
  assert.equal(wrongSecret.code, 1);
  assert.match(
    wrongSecret.stdout,
    /::error::oidc-realm: admin login failed: the client_credentials grant of admin client "recipe-ci" at .*\/realms\/master\/protocol\/openid-connect\/token was refused \(HTTP 401 (?:unauthorized_client|invalid_client): Invalid client or Invalid client credentials\)/,
  );
  const wrongUser = await step(new FakeActionsEnv(), 'main', {
    'keycloak-url': kc.url,
    'admin-username': kc.admin.username,
    'admin-password': 'not-the-password-0123',
  });
  assert.equal(wrongUser.code, 1);
  assert.match(
    wrongUser.stdout,
    /the password grant of admin user ".*" through admin-cli .* was refused \(HTTP 40[01] invalid_grant: Invalid user credentials\)/,
  );
  assert.equal(wrongUser.state.realm, undefined, 'nothing for post to do');
  const closed = await freePort();
  const unreachable = await step(new FakeActionsEnv(), 'main', {
    ...login(),
    'keycloak-url': `http://127.0.0.1:${String(closed)}`,
  });
  assert.equal(unreachable.code, 1);
  assert.match(
    unreachable.stdout,
    /cannot reach http:\/\/127\.0\.0\.1:\d+\/realms\/master.*ECONNREFUSED; check keycloak-url/,
  );
});

test('bad inputs fail with exit 2 before any call to Keycloak', async () => {
  const before = kc.standIn?.adminCalls.length;
  const tokens = kc.standIn?.tokens.size;
  const cases: [Record<string, string>, RegExp][] = [
    [
      { 'realm-prefix': 'CI_tests' },
      /input "realm-prefix" "CI_tests" may hold only lower-case letters/,
    ],
    [{ 'realm-prefix': 'ci/x' }, /input "realm-prefix" "ci\/x" may hold only/],
    [
      { 'redirect-uris': 'app.example.org/callback' },
      /input "redirect-uris" entry "app.example.org\/callback" is not an absolute URL/,
    ],
    [
      { 'web-origins': 'https://app.example.org/path' },
      /input "web-origins" entry .* is not an origin/,
    ],
    [{ 'keycloak-url': 'sso.example.org' }, /input "keycloak-url" "sso.example.org" is not a URL/],
    [
      { 'env-map': 'OIDC_X: secret' },
      /input "env-map" maps OIDC_X to "secret", which is not a setting/,
    ],
    [
      { isolation: 'client', 'client-id': 'app' },
      /input "client-id" cannot be set with isolation: client/,
    ],
    [{ 'admin-client-secret': '' }, /input "admin-client-secret" is required with admin-client-id/],
  ];
  for (const [inputs, message] of cases) {
    const result = await step(new FakeActionsEnv(), 'main', { ...login(), ...inputs });
    assert.equal(result.code, 2, `${JSON.stringify(inputs)}: ${result.stdout}`);
    assert.match(result.stdout, new RegExp(`^::error::oidc-realm: ${message.source}`, 'm'));
  }
  if (kc.standIn) {
    assert.equal(kc.standIn.adminCalls.length, before);
    assert.equal(kc.standIn.tokens.size, tokens, 'not even a login');
  }
});

test('the env file is written 0600 with every setting when env-map is not given', async () => {
  const runner = new FakeActionsEnv();
  const envFile = join(runner.dir, 'oidc.env');
  const inputs = { ...login(), 'realm-prefix': prefix(), user: 'false', 'env-file': envFile };
  const main = await step(runner, 'main', inputs);
  assert.equal(main.code, 0, main.stdout);
  assert.ok(existsSync(envFile));
  assert.equal(statSync(envFile).mode & 0o777, 0o600, 'it holds secrets');
  const text = readFileSync(envFile, 'utf8');
  assert.deepEqual(
    text
      .trim()
      .split('\n')
      .map((l) => l.split('=')[0]),
    [
      'OIDC_REALM',
      'OIDC_ISSUER',
      'OIDC_DISCOVERY_URL',
      'OIDC_TOKEN_ENDPOINT',
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_USERNAME',
      'OIDC_PASSWORD',
    ],
  );
  assert.match(text, /^OIDC_USERNAME=$/m, 'no test user asked for');
  assert.doesNotMatch(main.stdout, /password grant ok/);
  await step(runner, 'post', inputs, main.state);
});

test('post without a started main, or after a main that created nothing, does nothing', async () => {
  const skipped = await step(new FakeActionsEnv(), 'post', login());
  assert.equal(skipped.code, 0);
  assert.match(skipped.stdout, /the main step did not start; nothing to clean up/);
  const nothing = await step(new FakeActionsEnv(), 'post', login(), { 'main-started': 'true' });
  assert.equal(nothing.code, 0);
  assert.match(nothing.stdout, /no realm was created, so there is nothing to delete/);
});

test("client isolation with a long prefix and repository: the test user's email stays valid", async () => {
  // Keycloak refuses an email whose local part exceeds 64 characters; the run name is ~80 here.
  const p = `${prefix()}longprefixlongprefix`.slice(0, 20);
  const runner = new FakeActionsEnv();
  const inputs = { ...login(), 'realm-prefix': p, isolation: 'client' };
  const main = await runner.run('oidc-realm', 'main', inputs, {
    env: {
      GITHUB_REPOSITORY: 'coop-cloud/an-unusually-long-recipe-repository-name',
      GITHUB_RUN_ID: '12345678901',
      GITHUB_RUN_ATTEMPT: '3',
    },
  });
  assert.equal(main.code, 0, main.stdout);
  const username = main.outputs.username ?? '';
  assert.ok(username.length > 64, `a run name longer than an email local part: ${username}`);
  const users = await kc.usersOf(`${p}-shared`);
  const email = users.find((u) => u.username === username)?.email ?? '';
  assert.match(email, /^[a-z0-9-]{1,64}@example\.org$/);
  assert.match(main.stdout, /password grant ok/);
  const post = await runner.run('oidc-realm', 'post', inputs, { state: main.state });
  assert.match(post.stdout, /user .* deleted/);
});

test('two runs side by side: two realms, both verified, both deleted', async () => {
  const p = prefix();
  const inputs = { ...login(), 'realm-prefix': p };
  const runners = [new FakeActionsEnv(), new FakeActionsEnv()];
  const mains = await Promise.all(runners.map((r) => step(r, 'main', inputs)));
  for (const main of mains) assert.equal(main.code, 0, main.stdout);
  const [a, b] = mains.map((m) => m.outputs.realm ?? '');
  assert.notEqual(a, b, 'the same run id and second, yet two names');
  const names = await kc.realmNames();
  assert.ok(names.includes(a ?? '') && names.includes(b ?? ''));
  const posts = await Promise.all(runners.map((r, i) => step(r, 'post', inputs, mains[i]?.state)));
  for (const post of posts) assert.match(post.stdout, /: deleted/);
  assert.ok(!(await kc.realmNames()).some((r) => r.startsWith(`${p}-`)));
});

test('the password grant of a full admin works as the admin login too', async () => {
  const p = prefix();
  const runner = new FakeActionsEnv();
  const inputs = {
    'keycloak-url': kc.url,
    'admin-username': kc.admin.username,
    'admin-password': kc.admin.password,
    'realm-prefix': p,
  };
  const main = await step(runner, 'main', inputs);
  assert.equal(main.code, 0, main.stdout);
  assertNoLeak(main, [kc.admin.password, main.outputs['client-secret'] ?? '']);
  const post = await step(runner, 'post', inputs, main.state);
  assert.match(post.stdout, /: deleted/);
  assert.ok(!(await kc.realmNames()).some((r) => r.startsWith(`${p}-`)));
});

test(
  'an admin login without create-realm: a clear error before anything is created',
  { skip: realOnly },
  async () => {
    const p = prefix();
    const before = await kc.realmNames();
    const bare = await kc.addClientWithoutRoles(`bare-${p}`);
    const main = await step(new FakeActionsEnv(), 'main', {
      'keycloak-url': kc.url,
      'admin-client-id': bare.id,
      'admin-client-secret': bare.secret,
      'realm-prefix': p,
    });
    assert.equal(main.code, 1, main.stdout);
    assert.match(
      main.stdout,
      /::error::oidc-realm: creating realm ".*" failed: HTTP 403 .*; the admin account needs master's create-realm role/,
    );
    assert.deepEqual(await kc.realmNames(), before, 'nothing created');
  },
);

test(
  'a shared realm that another account made: the message says this login cannot manage it',
  { skip: realOnly },
  async () => {
    const p = prefix();
    const shared = `${p}-theirs`;
    await kc.plantRealmAsAdmin(shared);
    const runner = new FakeActionsEnv();
    const inputs = { ...login(), 'realm-prefix': p, isolation: 'client', 'shared-realm': shared };
    const main = await step(runner, 'main', inputs);
    assert.equal(main.code, 1, main.stdout);
    assert.match(
      main.stdout,
      new RegExp(
        `creating client in realm "${shared}" failed: HTTP 403 .*the admin login may not manage realm "${shared}"`,
      ),
    );
    const post = await step(runner, 'post', inputs, main.state);
    assert.equal(post.code, 0, post.stdout);
    assert.deepEqual(
      await kc.clientIdsOf(shared).then((ids) => ids.filter((id) => id.startsWith(p))),
      [],
    );
    await kc.deleteRealmAsAdmin(shared);
  },
);

test(
  'federated admin login: the job OIDC token is the credential, no admin secret stored',
  { skip: realOnly },
  async () => {
    // The forge's token service is a stand-in (no forge runs here); Keycloak verifies its
    // tokens for real: issuer, keys, audience, subject, one use per jti.
    const issuer = await startJobTokenStandIn();
    try {
      const clientId = `federated-${prefix()}`;
      await kc.addFederatedClient({
        clientId,
        alias: `job-tokens-${clientId}`,
        issuer: issuer.issuer,
        jwksUrl: issuer.jwksUrl,
        subject: issuer.subject,
      });
      const p = prefix();
      const runner = new FakeActionsEnv();
      const inputs = {
        'keycloak-url': kc.url,
        'admin-auth': 'federated',
        'admin-client-id': clientId,
        'realm-prefix': p,
      };
      const main = await runner.run('oidc-realm', 'main', inputs, { env: issuer.env });
      assert.equal(main.code, 0, main.stdout);
      assert.ok((await kc.realmNames()).includes(main.outputs.realm ?? ''));
      const post = await runner.run('oidc-realm', 'post', inputs, {
        state: main.state,
        env: issuer.env,
      });
      assert.equal(post.code, 0, post.stdout);
      assert.match(post.stdout, /: deleted/);
      assert.ok(issuer.issued >= 2, 'a fresh assertion per phase: Keycloak refuses a reused jti');
      assert.ok(!(await kc.realmNames()).some((r) => r.startsWith(`${p}-`)));

      // Another repository's token from the same issuer (a different sub): refused, nothing made.
      issuer.subject = 'repo:someone/else:ref:refs/heads/main';
      const refused = await runner.run('oidc-realm', 'main', inputs, { env: issuer.env });
      assert.equal(refused.code, 1, refused.stdout);
      assert.match(
        refused.stdout,
        /admin login failed: the client_credentials grant of admin client ".*" with a federated client assertion .* was refused \(HTTP 401/,
      );
      assert.ok(!(await kc.realmNames()).some((r) => r.startsWith(`${p}-`)));
    } finally {
      await issuer.stop();
    }
  },
);
