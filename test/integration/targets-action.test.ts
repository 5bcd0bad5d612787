/**
 * The targets action as a runner runs it (dist/targets/main.js with GITHUB_EVENT_NAME,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files): the outputs a workflow's `fromJSON` and `if:`
 * read, the summary, and exit code 2 for an unknown name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeActionsEnv } from '../support/fake-actions-env.ts';

const TARGETS = `- name: local
  provider: local
- name: hcloud
  provider: hcloud
  server-type: cx22
  default: false
`;

async function plan(event: string, selected = '') {
  return new FakeActionsEnv().run(
    'targets',
    'main',
    { targets: TARGETS, selected },
    { env: { GITHUB_EVENT_NAME: event } },
  );
}

describe('the targets action from dist/', () => {
  it('pull_request: the default set; the dispatch-only target is skipped, not failed', async () => {
    const result = await plan('pull_request');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.outputs.matrix ?? ''), {
      include: [{ provider: 'local', target: 'local' }],
    });
    assert.equal(result.outputs['has-targets'], 'true');
    assert.equal(result.outputs.selected, 'local');
    assert.equal(result.outputs.skipped, 'hcloud');
    assert.match(result.summary, /### Targets/);
    assert.match(result.summary, /\| hcloud \| skipped \| `default: false`: runs only when chosen/);
    assert.match(result.stdout, /hcloud\s+skipped/);
  });

  it('workflow_dispatch of one target: exactly that one, with its properties', async () => {
    const result = await plan('workflow_dispatch', 'hcloud');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.outputs.matrix ?? ''), {
      include: [{ provider: 'hcloud', 'server-type': 'cx22', target: 'hcloud' }],
    });
    assert.equal(result.outputs.skipped, 'local');
  });

  it('workflow_dispatch of all: every target', async () => {
    const result = await plan('workflow_dispatch', 'all');
    assert.equal(result.outputs.selected, 'local,hcloud');
    assert.equal(result.outputs.skipped, '');
  });

  it('nothing in the default set: an empty matrix and has-targets false, exit 0', async () => {
    const result = await new FakeActionsEnv().run(
      'targets',
      'main',
      { targets: '- name: hcloud\n  default: false' },
      { env: { GITHUB_EVENT_NAME: 'push' } },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.outputs.matrix, '{"include":[]}');
    assert.equal(result.outputs['has-targets'], 'false');
    assert.match(result.stdout, /::notice::No target runs/);
  });

  it('an unknown name: exit 2, the valid names listed, no output written', async () => {
    const result = await plan('workflow_dispatch', 'loc');
    assert.equal(result.code, 2);
    assert.match(
      result.stdout,
      /::error::targets: input "selected" names an unknown target "loc"; valid names \(matched exactly\): local, hcloud, or all/,
    );
    assert.deepEqual(result.outputs, {});
  });
});
