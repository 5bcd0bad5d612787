/**
 * The provision action's hcloud provider, run from dist/ as runners run it, against the Hetzner
 * Cloud API stand-in over real HTTP on loopback: create → post destroy, a failed create that
 * leaves nothing, a cancel between create and post, the janitor, rate limits, 5xx, bad inputs.
 * Every test also checks that neither the token nor the private key reached any output.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FakeActionsEnv, runProcess, type StepResult } from '../support/fake-actions-env.ts';
import { HcloudStandIn } from '../support/hcloud-stand-in.ts';

const TOKEN = 'hc-token-0123456789abcdef';
const RUN = {
  GITHUB_REPOSITORY: 'coop-cloud/nextcloud',
  GITHUB_RUN_ID: '8812',
  GITHUB_RUN_ATTEMPT: '2',
};
const NAME = 'recipe-ci-nextcloud-8812-2';

let api: HcloudStandIn;
beforeEach(async () => {
  api = await new HcloudStandIn().start();
});
afterEach(async () => {
  await api.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    provider: 'hcloud',
    'hcloud-token': TOKEN,
    'hcloud-api-url': api.url,
    image: 'debian-12',
    'server-type': 'cx22',
    location: 'fsn1',
    ...extra,
  };
}

interface Step extends StepResult {
  runner: FakeActionsEnv;
  /** Everything the step wrote where a person or a later step could read it. */
  everything: string;
}

async function step(
  phase: 'main' | 'post',
  given: Record<string, string>,
  options: {
    state?: Record<string, string>;
    runner?: FakeActionsEnv;
    onStdout?: Parameters<typeof runProcess>[2];
  } = {},
): Promise<Step> {
  const runner = options.runner ?? new FakeActionsEnv();
  const result = await runner.run('provision', phase, given, { ...options, env: RUN });
  const everything = [
    result.stdout,
    result.stderr,
    readFileSync(runner.files.output, 'utf8'),
    readFileSync(runner.files.state, 'utf8'),
    readFileSync(runner.files.summary, 'utf8'),
  ].join('\n');
  return { ...result, runner, everything };
}

/** The token and every long line of the private key are absent from what the steps wrote. */
function assertNoSecrets(steps: Step[], privateKey?: string): void {
  const secrets = [
    TOKEN,
    ...(privateKey ?? '').split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----')),
  ];
  for (const s of steps) {
    const visible = s.everything.replace(/^::add-mask::.*$/gm, '');
    for (const secret of secrets)
      assert.ok(!visible.includes(secret), `a secret leaked: ${secret.slice(0, 8)}…`);
  }
}

describe('provision with hcloud (against the Hetzner Cloud API stand-in)', () => {
  it('creates a labelled server with the run key and user-data, then post destroys it', async () => {
    const userData =
      '#cloud-config\nhostname: {{ name }}\nssh_authorized_keys:\n  - {{ public-key }}\n';
    const main = await step('main', inputs({ 'user-data': userData }));
    assert.equal(main.code, 0, main.stdout + main.stderr);
    const [server] = [...api.servers.values()];
    assert.ok(server);
    assert.equal(server.name, NAME);
    assert.equal(server.labels['recipe-ci'], 'recipe-ci');
    assert.equal(server.labels['recipe-ci-run'], '8812-2');
    assert.ok(Math.abs(Number(server.labels['recipe-ci-created']) - Date.now() / 1000) < 60);
    assert.equal(main.outputs.hosts, server.public_net.ipv4?.ip);
    assert.equal(main.outputs.user, 'root');
    assert.equal(main.outputs.id, String(server.id));
    const target = JSON.parse(main.outputs.target ?? '{}') as Record<string, unknown>;
    assert.equal(target.provider, 'hcloud');
    assert.match(String(target.ipv6), /^2001:db8:[0-9a-f]+::1$/);

    const keyPath = main.outputs['private-key-path'] ?? '';
    assert.equal(statSync(keyPath).mode & 0o777, 0o600);
    const privateKey = readFileSync(keyPath, 'utf8');
    assert.match(privateKey, /^-----BEGIN OPENSSH PRIVATE KEY-----/);
    // OpenSSH itself accepts the key and derives the public key the server was given.
    const publicKey = execFileSync('ssh-keygen', ['-y', '-f', keyPath])
      .toString()
      .trim()
      .split(' ')
      .slice(0, 2)
      .join(' ');
    const [sshKey] = [...api.sshKeys.values()];
    assert.ok(sshKey);
    assert.deepEqual(server.ssh_keys, [sshKey.id]);
    assert.equal(sshKey.public_key.split(' ').slice(0, 2).join(' '), publicKey);
    assert.ok(server.user_data?.includes(`hostname: "${NAME}"`));
    assert.ok(server.user_data?.includes(publicKey.split(' ')[1] ?? 'missing'));
    assert.match(main.stdout, new RegExp(`^::add-mask::${TOKEN}$`, 'm'));
    assert.ok(!main.everything.includes('"privateKey"'));

    const post = await step('post', inputs(), { state: main.state });
    assert.equal(post.code, 0, post.stdout);
    assert.match(
      post.stdout,
      new RegExp(`provision: destroyed ${NAME} \\(id ${String(server.id)}\\)`),
    );
    assert.equal(api.servers.size, 0);
    assert.equal(api.sshKeys.size, 0, 'the run key went with the server');
    assert.ok(!existsSync(keyPath), 'the key file went too');
    assertNoSecrets([main, post], privateKey);
  });

  it('keep: always leaves the server and says where it is and how to remove it', async () => {
    const main = await step('main', inputs({ keep: 'always' }));
    assert.equal(main.code, 0, main.stdout);
    const post = await step('post', inputs({ keep: 'always' }), { state: main.state });
    const [server] = [...api.servers.values()];
    assert.ok(server);
    assert.match(
      post.stdout,
      new RegExp(
        `::notice::provision: kept ${NAME} \\(id ${String(server.id)}\\) at ${server.public_net.ipv4?.ip ?? ''} because keep is always .*Remove it by hand: hcloud server delete ${String(server.id)} && hcloud ssh-key delete \\d+`,
      ),
    );
    assert.equal(api.sshKeys.size, 1);
  });

  it('a create action that ends in error leaves nothing behind, and says why', async () => {
    api.createOutcome = 'error';
    const main = await step('main', inputs());
    assert.equal(main.code, 1);
    assert.match(
      main.stdout,
      /::error::provision: Hetzner Cloud could not create server: Action failed: no capacity left on host/,
    );
    assert.match(main.stdout, /half-made server .* was destroyed/);
    assert.equal(api.servers.size, 0);
    assert.equal(api.sshKeys.size, 0);
    const post = await step('post', inputs(), { state: main.state });
    assert.equal(post.code, 0);
    assert.match(post.stdout, /already gone; nothing to destroy/);
    assertNoSecrets([main, post]);
  });

  it('SIGTERM while the server boots: post destroys it; if post cannot, the janitor does', async () => {
    api.createOutcome = 'hang';
    const run = async () =>
      step('main', inputs(), {
        onStdout: (out, child) => {
          if (out.includes('is being created') && !child.killed) child.kill('SIGTERM');
        },
      });
    const main = await run();
    assert.equal(main.code, 130, main.stdout);
    assert.equal(main.state['main-outcome'], 'cancelled');
    const ref = JSON.parse(main.state.machine ?? '{}') as { id?: string; name?: string };
    assert.equal(ref.name, NAME);
    assert.ok(
      ref.id !== undefined && api.servers.has(Number(ref.id)),
      'the server exists and is in state',
    );

    const post = await step('post', inputs(), { state: main.state });
    assert.equal(post.code, 0);
    assert.match(post.stdout, /provision: destroyed/);
    assert.equal(api.servers.size, 0);

    // Again, but this time post has only a read-only token: it warns, lists what it left, exits 0.
    const again = await run();
    assert.equal(again.code, 130);
    api.tokens.set('hc-read-only-token-0123', false);
    const failing = await step('post', inputs({ 'hcloud-token': 'hc-read-only-token-0123' }), {
      state: again.state,
    });
    assert.equal(failing.code, 0, 'cleanup never fails the job');
    assert.match(
      failing.stdout,
      /::warning::provision cleanup: could not destroy recipe-ci-nextcloud-8812-2 .*insufficient permissions.*Left behind: recipe-ci-nextcloud-8812-2.*hcloud server delete/,
      failing.stdout,
    );
    assert.equal(api.servers.size, 1);
    const [leaked] = [...api.servers.values()];
    assert.ok(leaked);

    // Others' servers: a person's (no labels), another suite's, another prefix's; all old.
    const person = api.seed('bastion', {});
    const other = api.seed('other-ci-x-1-1', {
      'recipe-ci': 'other-ci',
      'recipe-ci-created': '1600000000',
    });
    const unaged = api.seed('recipe-ci-hand-made', { 'recipe-ci': 'recipe-ci' });
    api.age(person.name, 86_400_000);
    const janitor = { mode: 'janitor', 'max-age': '1h' };
    const young = await step('main', inputs(janitor));
    assert.equal(young.code, 0, young.stdout);
    assert.match(young.stdout, /spared \(young\)/);
    assert.ok(api.servers.has(leaked.id), 'a young leftover is spared');

    api.age(leaked.name, 2 * 3_600_000);
    const dry = await step('main', inputs({ ...janitor, 'dry-run': 'true' }));
    assert.match(dry.stdout, /would remove \(dry run\)/);
    assert.ok(api.servers.has(leaked.id));

    const sweep = await step('main', inputs(janitor));
    assert.equal(sweep.code, 0, sweep.stdout);
    assert.match(
      sweep.stdout,
      new RegExp(`server\\s+${String(leaked.id)}\\s+${NAME}\\s+2h\\S*\\s+removed`),
    );
    assert.ok(!api.servers.has(leaked.id));
    assert.equal(api.sshKeys.size, 0, 'its key too (old enough by its own label)');
    for (const spared of [person, other, unaged])
      assert.ok(api.servers.has(spared.id), spared.name);
    assertNoSecrets([main, post, again, failing, young, dry, sweep]);
  });

  it('the janitor pages through long lists', async () => {
    const old = String(Math.floor(Date.now() / 1000) - 7200);
    for (let i = 0; i < 57; i++)
      api.seed(`recipe-ci-x-${String(i)}-1`, {
        'recipe-ci': 'recipe-ci',
        'recipe-ci-created': old,
      });
    const sweep = await step('main', inputs({ mode: 'janitor', 'max-age': '1h' }));
    assert.equal(sweep.code, 0, sweep.stdout);
    assert.equal(api.servers.size, 0);
    const pages = api.requests
      .filter((r) => r.method === 'GET' && r.path === '/servers')
      .map((r) => r.query.page);
    assert.deepEqual(pages, ['1', '2']);
  });

  it('waits out rate limiting (429 and RateLimit-* headers) and retries 5xx and dropped connections', async () => {
    api.rateLimit(2, 500, 0);
    const main = await step('main', inputs());
    assert.equal(main.code, 0, main.stdout);
    assert.ok(api.requests.some((r) => r.status === 429));
    assert.match(main.stdout, /Hetzner Cloud API: rate limit reached \(HTTP 429\); waiting/);
    api.rateLimit(3600, 1000);
    api.failNext(2, 503);
    const post = await step('post', inputs(), { state: main.state });
    assert.match(post.stdout, /HTTP 503 service unavailable; retrying in/);
    assert.match(post.stdout, /provision: destroyed/);
    assert.equal(api.servers.size, 0);
    api.failNext(1, 'reset');
    const janitor = await step('main', inputs({ mode: 'janitor' }));
    assert.equal(janitor.code, 0, janitor.stdout);
    // The cause in words with its code, not fetch's own "fetch failed".
    assert.match(
      janitor.stdout,
      /GET \/v1\/servers: connection closed before the answer was complete: UND_ERR_SOCKET; retrying in/,
    );
  });

  it("a server type the API does not know: the API's message reaches the user, nothing is left", async () => {
    const main = await step('main', inputs({ 'server-type': 'cx999' }));
    assert.equal(main.code, 1);
    assert.match(
      main.stdout,
      /::error::provision: Hetzner Cloud API: server type cx999 not found .*\(invalid_input, HTTP 422\)/,
    );
    assert.equal(api.servers.size, 0);
    assert.equal(api.sshKeys.size, 0, 'the key uploaded for it was removed');
    const unauthorized = await step('main', inputs({ 'hcloud-token': 'hc-wrong-token-000000' }));
    assert.match(
      unauthorized.stdout,
      /unable to authenticate \(unauthorized, HTTP 401\); check hcloud-token/,
    );
    assertNoSecrets([main]);
  });

  it('bad inputs fail with exit code 2 before any API call', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { provider: 'aws' },
        /input "provider" must be one of hcloud, ssh, local, command; got "aws"/,
      ],
      [{ 'hcloud-token': '' }, /input "hcloud-token" is required for provider hcloud/],
      [{ keep: 'on-fail' }, /input "keep" must be one of never, on-failure, always; got "on-fail"/],
      [
        { 'user-data': 'hostname: x\nfqdn: x.example.org\n' },
        /input "user-data" does not start with the line "#cloud-config"/,
      ],
      [{ 'user-data': '#cloud-config\nusers: [\n' }, /input "user-data" is not valid YAML at line/],
      [
        { 'user-data': '#cloud-config\nssh_authorized_keys: [{{ pubkey }}]\n' },
        /input "user-data" uses the unknown placeholder \{\{ pubkey \}\}/,
      ],
      [
        { 'user-data': '/nonexistent/cloud.yaml' },
        /input "user-data" names the file "\/nonexistent\/cloud.yaml", which cannot be read \(ENOENT\)/,
      ],
      [{ image: '' }, /input "image" is required but empty; name an image/],
    ];
    for (const [given, message] of cases) {
      const result = await step('main', inputs(given));
      assert.equal(result.code, 2, `${JSON.stringify(given)}: ${result.stdout}`);
      assert.match(result.stdout, new RegExp(`^::error::provision: ${message.source}`, 'm'));
      assert.equal(result.state.machine, undefined);
    }
    assert.equal(api.requests.length, 0, 'no API call was made');
  });
});
