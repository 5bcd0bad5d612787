/**
 * `previous` (where the upgrade tier starts: `auto`, a tag or `last-N`) in the examples a recipe
 * repository copies: every one that runs the tiers passes it on — to the reusable workflow, to
 * actions/run, or as `recipe-ci run --previous` — and the dispatch offers `last-N` as a choice.
 * What each value means is recipe-suite's business; these check only that it gets there.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { render, reusableWorkflowOf, workflowYaml, type Step } from './workflow-files.ts';

const REUSABLE = '.github/workflows/recipe-ci.yml';
/** What recipe-suite takes besides a version tag: `auto` or `last-N`, N from 1 to 20. */
const KEYWORD = /^(?:auto|last-(?:[1-9]|1\d|20))$/;

function files(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** The caller's `with:` of every job calling the reusable workflow, and of every actions/run step. */
function passes(file: string): { where: string; with: Record<string, unknown> }[] {
  const found: { where: string; with: Record<string, unknown> }[] = [];
  for (const [id, job] of Object.entries(workflowYaml(file).jobs)) {
    if (reusableWorkflowOf(job.uses) === REUSABLE) found.push({ where: id, with: job.with ?? {} });
    for (const step of job.steps ?? ([] as Step[])) {
      if (step.uses !== undefined && /(?:^|\/)recipe-ci\/actions\/run@/.test(step.uses)) {
        found.push({ where: `${id}: ${step.name ?? step.uses}`, with: step.with ?? {} });
      }
    }
  }
  return found;
}

describe('examples pass `previous` on', () => {
  const workflows = [
    ...files('examples'),
    ...files('examples/gitea'),
    ...files('examples/forgejo'),
  ].filter((file) => passes(file).length > 0);

  it('finds the callers of the reusable workflow and of actions/run', () => {
    for (const file of [
      'examples/pull-request.yml',
      'examples/dispatch.yml',
      'examples/testme.yml',
      'examples/gitea/pull-request.yml',
      'examples/gitea/testme.yml',
      'examples/forgejo/pull-request.yml',
    ]) {
      assert.ok(workflows.includes(file), file);
    }
  });

  for (const file of workflows) {
    it(`${file}: gives \`previous\` wherever it runs the tiers`, () => {
      for (const use of passes(file)) {
        const value = use.with.previous;
        assert.equal(typeof value, 'string', `${use.where}: previous`);
        assert.ok(
          KEYWORD.test(String(value)) || String(value).includes('${{'),
          `${use.where}: ${String(value)}`,
        );
      }
    });
  }

  it('dispatch.yml offers auto (the default) and last-N, and passes the choice through', () => {
    const workflow = workflowYaml('examples/dispatch.yml');
    const dispatch = workflow.on.workflow_dispatch as {
      inputs: Record<string, { type?: string; options?: string[]; default?: string }>;
    };
    const input = dispatch.inputs.previous;
    assert.equal(input?.type, 'choice');
    assert.equal(input.default, 'auto');
    const options = input.options ?? [];
    assert.ok(options.includes('auto'));
    assert.ok(options.some((o) => o.startsWith('last-')));
    const [call] = passes('examples/dispatch.yml');
    const rendered = (previous: string): string =>
      render(call?.with.previous, { inputs: { previous } });
    assert.equal(rendered(''), 'auto', 'no input given: auto, not an empty value');
    for (const option of options) {
      assert.match(option, KEYWORD);
      assert.equal(rendered(option), option);
    }
  });

  for (const file of [
    'examples/drone/.drone.yml',
    'examples/drone/.drone.exec.yml',
    'examples/woodpecker/.woodpecker.yml',
  ]) {
    it(`${file}: \`recipe-ci run --previous\` from the variable a person sets for a chosen run`, () => {
      const text = readFileSync(file, 'utf8');
      const { steps } = parse(text) as { steps: { commands?: string[] }[] };
      const command = steps
        .flatMap((step) => step.commands ?? [])
        .find((c) => /\brecipe-ci@\d+ run\b/.test(c));
      assert.match(command ?? '', /\s--previous "\$RECIPE_CI_PREVIOUS"\s/);
      assert.match(text, /^#.*RECIPE_CI_PREVIOUS=last-\d+/m, 'the header says how to set it');
    });
  }
});
