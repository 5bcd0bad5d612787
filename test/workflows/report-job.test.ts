/**
 * The reusable workflow's report job: it runs after the tests whatever they concluded (not when
 * nothing was selected), downloads exactly the artifacts the test jobs upload, holds the only
 * write permissions, and every caller grants them — GitHub refuses to start a called workflow
 * whose job asks for more than its caller gave.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isTrue,
  render,
  reusableWorkflowOf,
  workflowFiles,
  workflowYaml,
} from './workflow-files.ts';

const FILE = '.github/workflows/recipe-ci.yml';
const yaml = workflowYaml(FILE);
type Permissions = Record<string, string>;
const jobs = yaml.jobs as Record<
  string,
  {
    permissions?: Permissions;
    steps?: { uses?: string; with?: Record<string, string>; id?: string }[];
  }
>;
const report = jobs.report;
const WRITES = { 'pull-requests': 'write', statuses: 'write' };

const LEVEL: Record<string, number | undefined> = { none: 0, read: 1, write: 2 };
function grants(given: Permissions | string | undefined, asked: Permissions): string[] {
  if (given === 'write-all') return [];
  const map = typeof given === 'object' ? given : {};
  return Object.entries(asked)
    .filter(([scope, level]) => (LEVEL[map[scope] ?? 'none'] ?? 0) < (LEVEL[level] ?? 0))
    .map(([scope, level]) => `${scope}: ${level}`);
}

describe('the report job of recipe-ci.yml', () => {
  it('runs after the tests whatever they concluded, but not when nothing was selected', () => {
    assert.deepEqual(yaml.jobs.report?.needs, ['plan', 'test']);
    const expression = String(yaml.jobs.report.if);
    for (const test of ['success', 'failure', 'cancelled']) {
      const needs = {
        plan: { result: 'success', outputs: { 'has-targets': 'true' } },
        test: { result: test },
      };
      assert.equal(
        isTrue(
          expression,
          { needs },
          {
            success: test === 'success',
            failure: test === 'failure',
            cancelled: test === 'cancelled',
          },
        ),
        true,
        test,
      );
    }
    const none = {
      plan: { result: 'success', outputs: { 'has-targets': 'false' } },
      test: { result: 'skipped' },
    };
    assert.equal(isTrue(expression, { needs: none }), false);
  });

  it('holds the only write permissions, and only those two', () => {
    assert.deepEqual(report?.permissions, { contents: 'read', ...WRITES });
    assert.deepEqual((yaml as unknown as { permissions: Permissions }).permissions, {
      contents: 'read',
    });
    for (const [id, job] of Object.entries(jobs)) {
      if (id === 'report') continue;
      assert.ok(!Object.values(job.permissions ?? {}).includes('write'), `${id} writes nothing`);
    }
  });

  it('downloads exactly the artifacts the test jobs upload, and not its own', () => {
    const upload = jobs.test?.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const download = report?.steps?.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    const own = report?.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const inputs = { recipe: 'notes' };
    const pattern = new RegExp(
      `^${render(download?.with?.pattern, { inputs }).replace('*', '.+')}$`,
    );
    assert.match(render(upload?.with?.name, { inputs, matrix: { target: 'lab' } }), pattern);
    assert.doesNotMatch(render(own?.with?.name, { inputs }), pattern);
    const card = report?.steps?.find((s) => s.id === 'card');
    assert.equal(card?.uses, './.recipe-ci/actions/report');
    assert.equal(card.with?.results, download?.with?.path);
  });

  it('posts with the job token only when report is on', () => {
    const token = String(report?.steps?.find((s) => s.id === 'card')?.with?.token);
    const github = { token: 'ghs_example' };
    assert.equal(render(token, { inputs: { report: true }, github }), 'ghs_example');
    assert.equal(render(token, { inputs: { report: false }, github }), '');
  });
});

describe('every caller of recipe-ci.yml', () => {
  const callers = workflowFiles().flatMap((file) =>
    Object.entries(workflowYaml(file).jobs)
      .filter(([, job]) => reusableWorkflowOf(job.uses) === FILE)
      .map(([id, job]) => ({ file, id, job: job as { permissions?: Permissions | string } })),
  );

  it('is found (the examples and e2e workflows)', () => {
    assert.ok(callers.length >= 5, callers.map((c) => c.file).join(', '));
  });

  for (const { file, id, job } of callers) {
    it(`${file} ${id}: grants what the report job asks for`, () => {
      const workflow = workflowYaml(file) as unknown as { permissions?: Permissions };
      assert.deepEqual(grants(job.permissions ?? workflow.permissions, WRITES), []);
    });
  }
});
