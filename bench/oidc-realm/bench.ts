/**
 * Admin round trips and wall time of create + verify + delete against the Keycloak stand-in:
 * recipe-ci's one-POST realm next to the per-entity approach (realm, client, client secret,
 * user, password as separate calls). Run: node --import tsx bench/oidc-realm/bench.ts [runs]
 * Writes bench/oidc-realm/results.md. The stand-in answers in microseconds, so wall time here
 * mostly measures our side and the token flows; on a shared Keycloak every admin call costs
 * 141 ms at 100 realms and seconds at 300 (keycloak#51554), which is where fewer calls count.
 */
import { cpus, platform, release, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { StateStore } from '../../src/platform/state.ts';
import { Secrets } from '../../src/platform/secrets.ts';
import { createInRealm, createRealm, deleteRealm } from '../../src/oidc/admin-api.ts';
import { leftoversFromState, removeLeftovers } from '../../src/oidc/cleanup.ts';
import { createAndVerify } from '../../src/oidc/create.ts';
import { realHttpDeps } from '../../src/oidc/http.ts';
import { generateSecret } from '../../src/oidc/representation.ts';
import { openSession, type Session } from '../../src/oidc/session.ts';
import { readOidcSettings } from '../../src/oidc/settings.ts';
import { Inputs } from '../../src/platform/inputs.ts';
import { realmEndpoints, verifyRealm } from '../../src/oidc/verify.ts';
import { KeycloakStandIn } from '../../test/support/keycloak-stand-in/index.ts';

const runs = Number(process.argv[2] ?? '20');
const standIn = await KeycloakStandIn.start();
const settings = readOidcSettings(
  new Inputs({
    get: (name) =>
      ({
        'keycloak-url': standIn.url,
        'admin-client-id': 'recipe-ci',
        'admin-client-secret': 'stand-in-admin-client-secret',
        'admin-auth': 'auto',
        'realm-prefix': 'bench',
        user: 'true',
        isolation: 'realm',
        cleanup: 'always',
        mode: 'create',
        'max-age': '6h',
        'dry-run': 'false',
        'verify-timeout': '30s',
      })[name],
    label: (name) => name,
    onSecret: () => undefined,
  }),
);
const signal = new AbortController().signal;
const session = (): Session =>
  openSession(settings.keycloakUrl, settings.auth, realHttpDeps, signal, () => undefined, {});

interface Sample {
  createCalls: number;
  totalCalls: number;
  createMs: number;
  totalMs: number;
}

async function ours(i: number): Promise<Sample> {
  const secrets = new Secrets(() => undefined);
  const saved = new Map<string, string>();
  const state = new StateStore(
    { saveState: (k, v) => saved.set(k, v), getState: (k) => saved.get(k) },
    secrets,
  );
  const start = standIn.adminCalls.length;
  const t0 = performance.now();
  const created = await createAndVerify(
    session(),
    settings,
    { repo: 'bench', runId: String(i), attempt: '1' },
    {
      state,
      onSecret: (v) => secrets.add(v),
      group: (_t, fn) => fn(),
      info: () => undefined,
      now: () => Date.now(),
    },
  );
  const createCalls = created.adminCalls;
  const left = leftoversFromState(state);
  if (!left) throw new Error('no state');
  await removeLeftovers(session(), left);
  return {
    createCalls,
    totalCalls: standIn.adminCalls.length - start,
    createMs: created.elapsedMs,
    totalMs: performance.now() - t0,
  };
}

/** The per-entity way: what admin clients usually do, one entity per call. */
async function perEntity(i: number): Promise<Sample> {
  const s = session();
  const start = standIn.adminCalls.length;
  const t0 = performance.now();
  const realm = `bench-per-entity-${String(i)}-1-${String(Math.floor(Date.now() / 1000))}`;
  await createRealm(s.http, await s.token(), { realm, enabled: true });
  const token = await s.token(); // rights on the realm reach only later tokens
  const client = {
    clientId: 'app',
    secret: '',
    redirectUris: [],
    webOrigins: [],
  };
  const clientUuid = await createInRealm(s.http, token, realm, 'clients', {
    clientId: 'app',
    serviceAccountsEnabled: true,
    directAccessGrantsEnabled: true,
  });
  const secret = await s.http.request(
    'GET',
    `/admin/realms/${realm}/clients/${clientUuid}/client-secret`,
    { token },
  );
  client.secret = (secret.body as { value: string }).value;
  const userId = await createInRealm(s.http, token, realm, 'users', {
    username: 'tester',
    enabled: true,
    email: 'tester@example.org',
    firstName: 'Recipe',
    lastName: 'Tester',
  });
  const password = generateSecret();
  await s.http.request('PUT', `/admin/realms/${realm}/users/${userId}/reset-password`, {
    token,
    json: { type: 'password', value: password, temporary: false },
  });
  const createCalls = standIn.adminCalls.length - start;
  await verifyRealm(
    s.http,
    s.deps,
    signal,
    realmEndpoints(settings.keycloakUrl, realm),
    client,
    { username: 'tester', password },
    { timeoutMs: 30_000, intervalMs: 1000, now: () => Date.now() },
  );
  const createMs = performance.now() - t0;
  const d = session();
  await deleteRealm(d.http, await d.token(), realm);
  return {
    createCalls,
    totalCalls: standIn.adminCalls.length - start,
    createMs,
    totalMs: performance.now() - t0,
  };
}

function summarize(samples: Sample[]) {
  const median = (xs: number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  return {
    createCalls: median(samples.map((s) => s.createCalls)),
    totalCalls: median(samples.map((s) => s.totalCalls)),
    createMs: median(samples.map((s) => s.createMs)),
    totalMs: median(samples.map((s) => s.totalMs)),
    p90TotalMs: [...samples.map((s) => s.totalMs)].sort((a, b) => a - b)[
      Math.floor(samples.length * 0.9)
    ],
  };
}

// Warm both paths once (module loading, first provider), then alternate to share any drift.
await ours(0);
await perEntity(0);
const a: Sample[] = [];
const b: Sample[] = [];
for (let i = 1; i <= runs; i++) {
  a.push(await ours(i));
  b.push(await perEntity(i));
}
await standIn.stop();
const x = summarize(a);
const y = summarize(b);
const cpu = cpus()[0]?.model ?? 'unknown';
const fmt = (n: number | undefined): string => (n === undefined ? '-' : n.toFixed(0));
const md = `# oidc-realm: admin round trips and wall time (Keycloak stand-in)

Measured ${new Date().toISOString()} with \`node --import tsx bench/oidc-realm/bench.ts ${String(runs)}\`
on ${platform()} ${release()}, Node ${process.version}, ${String(cpus().length)} × ${cpu},
${String(Math.round(totalmem() / 2 ** 30))} GiB RAM (a shared machine: other work ran at the same time).
Medians of ${String(runs)} runs each, alternating; the stand-in is on loopback and not Keycloak,
so milliseconds here are our client plus oidc-provider's token flows, not a real server's cost.

| approach | admin calls to create | admin calls create+delete | create+verify ms | create+verify+delete ms (p90) |
| --- | --- | --- | --- | --- |
| recipe-ci: one \`POST /admin/realms\` with client and user | ${fmt(x.createCalls)} | ${fmt(x.totalCalls)} | ${fmt(x.createMs)} | ${fmt(x.totalMs)} (${fmt(x.p90TotalMs)}) |
| per entity: realm, client, client secret, user, password | ${fmt(y.createCalls)} | ${fmt(y.totalCalls)} | ${fmt(y.createMs)} | ${fmt(y.totalMs)} (${fmt(y.p90TotalMs)}) |

Target: ≤ 3 admin calls to create. Token requests (\`/realms/master/protocol/openid-connect/token\`)
are not admin calls and are not counted: both approaches log in once to create and once to delete,
and the per-entity one a second time after creating the realm (its first token lacks the rights).
Where each admin call costs what keycloak#51554 measured on a loaded server (141 ms at 100 realms,
11.4 s at 300), ${fmt(y.createCalls)} calls instead of ${fmt(x.createCalls)} cost
${((y.createCalls - x.createCalls) * 0.141).toFixed(2)} s to ${((y.createCalls - x.createCalls) * 11.4).toFixed(0)} s more per run.
`;
writeFileSync('bench/oidc-realm/results.md', md);
writeFileSync(
  'bench/oidc-realm/results.json',
  `${JSON.stringify({ runs, node: process.version, cpu, cpus: cpus().length, ours: x, perEntity: y }, null, 2)}\n`,
);
process.stdout.write(md);
