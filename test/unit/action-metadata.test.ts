/**
 * Every action.yml against the public contract (../shared/CONTRACTS.md, copied here so that a
 * rename breaks a test; actions/run mirrors the reusable workflow's inputs) and against the build: runs.using node24, entries that exist in dist/,
 * a post step exactly where the action creates something, and documentation for every name.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { actions } from '../../src/actions/index.ts';
import { createRunAction } from '../../src/actions/run.ts';
import { parseActionMetadata, withDocs } from '../../src/cli/metadata.ts';
import type { ActionDefinition } from '../../src/platform/context.ts';

const CONTRACT: Record<string, { inputs: string[]; outputs: string[]; post: boolean }> = {
  provision: {
    inputs:
      'provider host user private-key private-key-path ssh-key user-data image server-type location hcloud-token create-command destroy-command name-prefix keep mode max-age dry-run'.split(
        ' ',
      ),
    outputs: ['hosts', 'user', 'private-key-path', 'id', 'target'],
    post: true,
  },
  readiness: {
    inputs:
      'hosts user port private-key private-key-path timeout connect-timeout interval settle cloud-init cloud-init-allow http job-timeout'.split(
        ' ',
      ),
    outputs: ['ready-hosts', 'known-hosts', 'host-keys', 'elapsed-seconds', 'report'],
    post: false,
  },
  'oidc-realm': {
    inputs:
      'keycloak-url admin-client-id admin-client-secret admin-username admin-password realm-prefix client-id redirect-uris web-origins user isolation env-file env-map cleanup mode max-age dry-run'.split(
        ' ',
      ),
    outputs:
      'realm issuer discovery-url token-endpoint client-id client-secret username password'.split(
        ' ',
      ),
    post: true,
  },
  'recipe-suite': {
    inputs:
      'recipe recipe-path backend server domain base-domain config tiers previous allow-major repeat fail-fast env-file keep mode max-age'.split(
        ' ',
      ),
    outputs: 'status results junit passed failed skipped domain url'.split(' '),
    post: true,
  },
  // Taken out of recipe-suite (its `mode: reconcile`), with the names it had there.
  reconcile: {
    inputs:
      'recipe recipe-path backend server domain config env-file app-dir abra-dir alert-issues alert-token retry-rejected'.split(
        ' ',
      ),
    outputs:
      'result running-version latest-version last-good rejected-version status domain url'.split(
        ' ',
      ),
    post: false,
  },
  report: {
    inputs:
      'results recipe token pull-request sha comment statuses status-context output-dir api-url repository'.split(
        ' ',
      ),
    outputs: ['status', 'level', 'card', 'badge', 'badge-json', 'comment-url'],
    post: false,
  },
  run: {
    inputs:
      'recipe targets target recipe-path backend config tiers previous base-domain keep provider host user image server-type location user-data create-command destroy-command readiness-timeout readiness-cloud-init readiness-http keycloak-url keycloak-admin-client-id keycloak-admin-username oidc-redirect-uris oidc-env-map timeout-minutes max-parallel results-dir ssh-private-key hcloud-token keycloak-admin-client-secret keycloak-admin-password'.split(
        ' ',
      ),
    outputs: ['status', 'selected', 'skipped', 'results-dir', 'result', 'leftovers'],
    post: true,
  },
  targets: {
    inputs: ['targets', 'selected'],
    outputs: ['matrix', 'has-targets', 'selected', 'skipped'],
    post: false,
  },
};

test('the eight actions, in the folders, the registry and the contract', () => {
  const folders = readdirSync('actions').sort();
  assert.deepEqual(folders, Object.keys(CONTRACT).sort());
  // run is built per package root (it starts the others from dist/), so it is not in the registry.
  assert.deepEqual(
    Object.keys(actions).sort(),
    folders.filter((f) => f !== 'run'),
  );
});

function definitionOf(name: string): ActionDefinition | undefined {
  return name === 'run' ? createRunAction(process.cwd()) : actions[name];
}

for (const [name, contract] of Object.entries(CONTRACT)) {
  test(`${name}: action.yml keeps the contract and points at built entries`, () => {
    const meta = parseActionMetadata(readFileSync(join('actions', name, 'action.yml'), 'utf8'));
    assert.ok(meta.name.length > 0 && meta.description.length > 0);
    const inputs = meta.inputs.map((i) => i.name);
    const outputs = meta.outputs.map((o) => o.name);
    for (const input of contract.inputs) assert.ok(inputs.includes(input), `input ${input}`);
    for (const output of contract.outputs) assert.ok(outputs.includes(output), `output ${output}`);
    for (const entry of [...meta.inputs, ...meta.outputs]) {
      assert.ok(entry.description.length > 0, `${entry.name} is documented`);
    }
    assert.equal(meta.runs.using, 'node24');
    assert.equal(meta.runs.main, `../../dist/${name}/main.js`);
    assert.equal(meta.runs.post, contract.post ? `../../dist/${name}/post.js` : undefined);
    assert.equal(definitionOf(name)?.post !== undefined, contract.post);
    for (const entry of [meta.runs.main, meta.runs.post]) {
      if (entry !== undefined) assert.ok(existsSync(join('actions', name, entry)), entry);
    }
    assert.ok(existsSync(join('actions', name, 'README.md')), 'README.md');
    const raw = readFileSync(join('actions', name, 'action.yml'), 'utf8');
    assert.match(raw, /branding:\n\s+icon: \S+\n\s+color: \S+/);
  });
}

test("recipe-suite keeps run and janitor; reconcile's own names are reconcile's alone", () => {
  const meta = parseActionMetadata(readFileSync('actions/recipe-suite/action.yml', 'utf8'));
  const names = [...meta.inputs, ...meta.outputs].map((entry) => entry.name);
  const moved =
    'app-dir abra-dir alert-issues alert-token retry-rejected result running-version latest-version last-good rejected-version';
  assert.deepEqual(
    moved.split(' ').filter((name) => names.includes(name)),
    [],
  );
  const mode = meta.inputs.find((input) => input.name === 'mode');
  assert.doesNotMatch(mode?.description ?? '', /`reconcile`/);
  assert.doesNotMatch(JSON.stringify(meta), /For `reconcile`/);
});

test('every README carries the tables generated from its action.yml (npm run docs)', () => {
  for (const name of Object.keys(CONTRACT)) {
    const meta = parseActionMetadata(readFileSync(join('actions', name, 'action.yml'), 'utf8'));
    const readme = readFileSync(join('actions', name, 'README.md'), 'utf8');
    assert.equal(withDocs(readme, meta), readme, `actions/${name}/README.md is out of date`);
  }
});
