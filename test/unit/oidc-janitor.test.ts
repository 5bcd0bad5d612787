/**
 * The oidc-realm janitor's sweep against the Keycloak stand-in on loopback. The stand-in is here
 * for a fault a real Keycloak cannot show on demand inside a test: the admin token expiring in the
 * middle of a sweep. On Keycloak 26.7.3 master tokens live 60 s and a sweep of 300 leftovers took
 * longer; the stand-in's tokens instead stop working after a few admin calls.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { realHttpDeps } from '../../src/oidc/http.ts';
import { sweep, type JanitorOptions } from '../../src/oidc/janitor.ts';
import { runName } from '../../src/oidc/names.ts';
import { openSession, type Session } from '../../src/oidc/session.ts';
import { DEFAULT_PRINCIPALS, KeycloakStandIn } from '../support/keycloak-stand-in/index.ts';

const PREFIX = 'ci';
const NOW_MS = Date.UTC(2026, 11, 5, 12);
const DAY_S = 24 * 3600;
const options: JanitorOptions = {
  prefix: PREFIX,
  maxAgeMs: 6 * 3600 * 1000,
  dryRun: false,
  nowMs: NOW_MS,
  sharedRealm: undefined,
};

let kc: KeycloakStandIn;
before(async () => {
  kc = await KeycloakStandIn.start();
});
after(async () => {
  await kc.stop();
});

/** The least-privilege login, as the action opens it. */
function session(): Session {
  const principal = DEFAULT_PRINCIPALS.find((p) => p.kind === 'client');
  assert.ok(principal?.kind === 'client');
  return openSession(
    kc.url,
    { kind: 'client-secret', clientId: principal.clientId, secret: principal.secret },
    realHttpDeps,
    new AbortController().signal,
    () => {},
    {},
  );
}

/** Leftovers of `count` runs a day old, made by the least-privilege login. */
function plantLeftovers(count: number): string[] {
  const names = Array.from({ length: count }, (_, i) =>
    runName(
      PREFIX,
      { repo: 'recipe', runId: String(100 + i), attempt: '1' },
      NOW_MS / 1000 - DAY_S,
    ),
  );
  for (const name of names) kc.plantRealm(name, 'client:recipe-ci');
  return names;
}

test('a sweep that outlasts its admin token still deletes every old realm in one pass', async () => {
  // Keycloak 26.7.3: one token for a 300-realm sweep, and 24 deletions refused with HTTP 401.
  const names = plantLeftovers(10);
  const tokensBefore = kc.tokens.size;
  kc.adminTokenCalls = 3;
  try {
    const entries = await sweep(session(), options);
    assert.deepEqual(
      entries.map((e) => [e.name, e.action, e.detail]),
      names.map((name) => [name, 'deleted', undefined]),
    );
    assert.deepEqual(
      names.filter((name) => kc.realms.has(name)),
      [],
    );
    // A new login when the token runs out, not one per admin call.
    const logins = kc.tokens.size - tokensBefore;
    assert.ok(logins > 1 && logins < names.length, `${String(logins)} logins`);
  } finally {
    kc.adminTokenCalls = undefined;
  }
});

test('a 401 that a fresh token does not cure fails that realm only, after one retry', async () => {
  const [refused, other] = plantLeftovers(2);
  assert.ok(refused !== undefined && other !== undefined);
  kc.faults.push({
    method: 'DELETE',
    path: new RegExp(`/${refused}$`),
    status: 401,
    times: 3,
    body: { error: 'HTTP 401 Unauthorized' },
  });
  try {
    const entries = await sweep(session(), options);
    const byName = new Map(entries.map((e) => [e.name, e]));
    assert.equal(byName.get(refused)?.action, 'failed');
    assert.match(byName.get(refused)?.detail ?? '', /deleting realm "[^"]+" failed: HTTP 401/);
    assert.equal(byName.get(other)?.action, 'deleted');
    assert.equal(kc.faults[0]?.times, 1, 'tried twice: with the token, then with a fresh one');
  } finally {
    kc.faults.length = 0;
    kc.realms.delete(refused);
  }
});
