/**
 * The hcloud client and provider in-process against the Hetzner Cloud API stand-in (real HTTP on
 * loopback): what the dist-level tests cannot drive precisely — a cancel that must stop polling at
 * once, create-timeout, retry and rate-limit budgets, and a project key that is reused, not owned.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { generateEd25519 } from '../../src/provision/openssh-key.ts';
import { CancelledError } from '../../src/shared/errors.ts';
import { HcloudClient } from '../../src/provision/hcloud/client.ts';
import { hcloudProvider } from '../../src/provision/hcloud/provider.ts';
import type { MachineRef } from '../../src/provision/provider.ts';
import { publicHalf } from '../../src/provision/ssh-key.ts';
import { HcloudStandIn } from '../support/hcloud-stand-in.ts';
import { fakeRunner } from '../support/fake-runner.ts';

const TOKEN = 'hc-token-0123456789abcdef';
let api: HcloudStandIn;
beforeEach(async () => {
  api = await new HcloudStandIn().start();
});
afterEach(async () => {
  await api.stop();
});

function provider(signal: AbortSignal, createTimeoutMs = 60_000, keyFingerprint?: string) {
  return hcloudProvider({
    settings: {
      token: TOKEN,
      apiUrl: api.url,
      image: 'debian-12',
      serverType: 'cx22',
      location: undefined,
    },
    createTimeoutMs,
    signal,
    ...(keyFingerprint === undefined ? {} : { keyFingerprint }),
    mask: () => undefined,
    log: () => undefined,
  });
}

function request(signal: AbortSignal, refs: MachineRef[], publicKey?: string) {
  return {
    name: 'recipe-ci-x-1-1',
    labels: {
      'recipe-ci': 'recipe-ci',
      'recipe-ci-created': String(Math.floor(Date.now() / 1000)),
    },
    user: 'root',
    ...(publicKey === undefined ? {} : { publicKey }),
    remember: (ref: MachineRef) => refs.push(structuredClone(ref)),
    signal,
    log: fakeRunner().log,
  };
}

describe('hcloud client and provider (stand-in)', () => {
  it('a cancel stops polling the create action at once; state already holds the server', async () => {
    api.createOutcome = 'hang';
    const controller = new AbortController();
    const refs: MachineRef[] = [];
    const creating = provider(controller.signal).create(request(controller.signal, refs));
    while (!refs.some((r) => r.id !== undefined)) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    controller.abort(new CancelledError('SIGTERM'));
    await assert.rejects(creating, CancelledError);
    assert.ok(Date.now() - started < 900, 'no poll interval (1 s or more) waited out');
    const polls = api.countRequests('GET', '/actions/');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(api.countRequests('GET', '/actions/'), polls, 'no poll after the cancel');
    assert.equal(api.servers.size, 1, 'left for post, which has the id');
    assert.equal(refs.at(-1)?.id, String([...api.servers.keys()][0]));
  });

  it('create-timeout ends the wait and destroys the server', async () => {
    api.createOutcome = 'hang';
    const signal = new AbortController().signal;
    await assert.rejects(
      provider(signal, 1500).create(request(signal, [])),
      /still running after create-timeout/,
    );
    assert.equal(api.servers.size, 0);
  });

  it("a delete that fails on Hetzner's side is reported, not taken for done", async () => {
    const signal = new AbortController().signal;
    const hc = provider(signal);
    const machine = await hc.create(request(signal, []));
    api.deleteOutcome = 'error';
    await assert.rejects(
      hc.destroy(machine, signal),
      /Hetzner Cloud could not delete server: Action failed/,
    );
    assert.equal(api.servers.size, 1);
    api.deleteOutcome = 'success';
    assert.equal(await hc.destroy(machine, signal), 'destroyed');
    assert.equal(api.servers.size, 0);
  });

  it('a key the project already has is reused and never deleted', async () => {
    const key = generateEd25519('test').private;
    const half = publicHalf(key, 'someone');
    assert.ok(!(half instanceof Error));
    const signal = new AbortController().signal;
    const client = new HcloudClient({ baseUrl: api.url, token: TOKEN, signal });
    await client.post('/ssh_keys', { name: 'alice', public_key: half.line, labels: {} });
    const refs: MachineRef[] = [];
    const hc = provider(signal, 60_000, half.md5);
    const machine = await hc.create(request(signal, refs, half.line));
    assert.equal(machine.extra?.sshKeyOwned, 'false');
    assert.equal(await hc.destroy(machine, signal), 'destroyed');
    assert.equal(api.sshKeys.size, 1, "alice's key stays");
  });

  it('gives up on a failing API with the last problem, and on a rate-limit wait beyond its budget', async () => {
    const signal = new AbortController().signal;
    const instant = () => Promise.resolve();
    api.failNext(10, 503);
    const retrying = new HcloudClient({
      baseUrl: api.url,
      token: TOKEN,
      signal,
      sleep: instant,
      retries: 2,
    });
    await assert.rejects(
      retrying.get('/servers'),
      /unreachable after 3 attempts; last: GET \/v1\/servers: HTTP 503 service unavailable/,
    );
    api.failNext(0);
    api.rateLimit(3600, 60_000, 0);
    const limited = new HcloudClient({
      baseUrl: api.url,
      token: TOKEN,
      signal,
      sleep: instant,
      rateLimitBudgetMs: 5000,
    });
    await assert.rejects(
      limited.get('/servers'),
      /rate limit reached \(HTTP 429\), and waiting longer would exceed 5s/,
    );
  });

  it('waits for one request to refill, not for the whole bucket', async () => {
    const signal = new AbortController().signal;
    const waits: number[] = [];
    api.rateLimit(10, 300, 0);
    const client = new HcloudClient({
      baseUrl: api.url,
      token: TOKEN,
      signal,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    await client.get('/servers');
    assert.ok(waits.length >= 1);
    // Reset is in whole seconds, so one request's wait is ~ (3 s + rounding) / 10, never 3 s.
    assert.ok(
      waits.every((ms) => ms >= 250 && ms <= 1000),
      waits.join(','),
    );
  });
});
