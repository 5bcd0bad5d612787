import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it, test } from 'node:test';
import { parse } from 'yaml';
import { targets as targetsAction } from '../../src/actions/targets.ts';
import { ConfigurationError } from '../../src/shared/errors.ts';
import { ExitCode, runStep } from '../../src/platform/run.ts';
import { isDispatch, matrixOf, planTargets, running, skipped } from '../../src/targets/plan.ts';
import { planReport } from '../../src/targets/report.ts';
import { parseSelection, type Selection } from '../../src/targets/selection.ts';
import { parseTargets, type Target } from '../../src/targets/spec.ts';
import { fakeRunner } from '../support/fake-runner.ts';

const fail = (problem: string): never => {
  throw new ConfigurationError(`input: ${problem}`);
};

const TARGETS = `
- name: local
  provider: local
- name: local-arm
  provider: ssh
  host: arm.example.test
- name: hcloud
  provider: hcloud
  image: debian-12
  default: false
`;

function list(yaml = TARGETS): Target[] {
  return parseTargets(parse(yaml), fail);
}

function select(raw: string | undefined, targets = list()): Selection {
  return parseSelection(raw, targets, fail);
}

const names = (targets: Target[]): string[] => targets.map((t) => t.name);

describe('parseTargets', () => {
  it('takes names and mappings with any properties; default: false leaves the default set', () => {
    const parsed = list();
    assert.deepEqual(names(parsed), ['local', 'local-arm', 'hcloud']);
    assert.deepEqual(parsed[1]?.properties, { provider: 'ssh', host: 'arm.example.test' });
    assert.deepEqual(
      parsed.map((t) => t.isDefault),
      [true, true, false],
    );
    assert.deepEqual(names(list('- a\n- b')), ['a', 'b']);
    assert.deepEqual(names(list('a, b c')), ['a', 'b', 'c']);
  });

  it('keeps nested property values as YAML gave them', () => {
    const [target] = list('- name: x\n  http: [{url: "https://x"}]\n  cores: 2\n  arm: true');
    assert.deepEqual(target?.properties, { http: [{ url: 'https://x' }], cores: 2, arm: true });
  });

  for (const [yaml, message] of [
    ['- local\n- local', /names "local" twice/],
    ['- name: a\n- name: a\n  provider: ssh', /names "a" twice \(item 2\)/],
    ['[]', /lists no target/],
    ['name: local', /must be a YAML list/],
    ['- 12', /item 1 must be a name or a mapping.*number 12.*quote names/],
    ['- provider: local', /item 1 has no `name`/],
    ['- name: a b', /names use letters, digits/],
    ['- name: all', /"all", which `selected` uses/],
    ['- name: a\n  default: "no"', /`default` set to string "no"; use true or false/],
    ['- name: a\n  target: b', /property `target`, which the matrix uses/],
  ] as const) {
    it(`refuses ${JSON.stringify(yaml)}`, () => {
      assert.throws(
        () => list(yaml),
        (error: unknown) => {
          assert.ok(error instanceof ConfigurationError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

describe('parseSelection', () => {
  it('empty, blank and all mean every target', () => {
    for (const raw of [undefined, '', '  ', ',', 'all', ' all ']) {
      assert.deepEqual(select(raw), { kind: 'all' }, JSON.stringify(raw));
    }
  });

  it('comma and space separated exact names, duplicates once', () => {
    assert.deepEqual(select('hcloud, local local'), { kind: 'names', names: ['hcloud', 'local'] });
    assert.deepEqual(select('local-arm\nhcloud'), {
      kind: 'names',
      names: ['local-arm', 'hcloud'],
    });
  });

  it('never matches a substring or a prefix, and names every valid target', () => {
    for (const raw of ['loc', 'local-', 'LOCAL', 'arm', 'hcloud,cloud']) {
      assert.throws(
        () => select(raw),
        /unknown target.*valid names \(matched exactly\): local, local-arm, hcloud, or all/,
        raw,
      );
    }
    assert.throws(() => select('x y'), /unknown targets "x", "y"/);
  });

  it('refuses all mixed with names', () => {
    assert.throws(() => select('all,local'), /mixes "all" with target names/);
  });
});

describe('planTargets', () => {
  it('a pull request runs the default set whatever selected says', () => {
    const plan = planTargets(list(), select('hcloud'), 'pull_request');
    assert.equal(plan.dispatched, false);
    assert.equal(plan.ignoredSelection, true);
    assert.deepEqual(names(running(plan)), ['local', 'local-arm']);
    assert.deepEqual(names(skipped(plan)), ['hcloud']);
    assert.match(plan.entries[2]?.reason ?? '', /default: false/);
  });

  it('a dispatch of one target runs exactly it, even one outside the default set', () => {
    const plan = planTargets(list(), select('hcloud'), 'workflow_dispatch');
    assert.deepEqual(names(running(plan)), ['hcloud']);
    assert.deepEqual(names(skipped(plan)), ['local', 'local-arm']);
    assert.match(plan.entries[0]?.reason ?? '', /not selected \(selected: hcloud\)/);
    assert.deepEqual(matrixOf(plan), {
      include: [{ provider: 'hcloud', image: 'debian-12', target: 'hcloud' }],
    });
  });

  it('with an app domain, each entry gets its own; a target that sets domain keeps it', () => {
    const targets = parseTargets(
      parse('[local, {name: fixed, domain: app.example.org}]'),
      (problem) => {
        throw new Error(problem);
      },
    );
    const plan = planTargets(targets, select('all'), 'workflow_dispatch');
    let n = 0;
    const include = matrixOf(plan, () => `note-${String(++n)}.ci.example.test`).include;
    assert.deepEqual(
      include.map((entry) => entry.domain),
      ['note-1.ci.example.test', 'app.example.org'],
    );
    assert.equal(matrixOf(plan).include[0]?.domain, undefined, 'no base domain: no domain');
  });

  it('a dispatch of all runs every target in the order given', () => {
    const plan = planTargets(list(), select('all'), 'workflow_dispatch');
    assert.deepEqual(
      matrixOf(plan).include.map((entry) => entry.target),
      ['local', 'local-arm', 'hcloud'],
    );
    assert.equal(skipped(plan).length, 0);
  });

  it('a default set with nothing in it gives an empty matrix', () => {
    const only = list('- name: hcloud\n  default: false');
    const plan = planTargets(only, select(undefined, only), 'push');
    assert.deepEqual(matrixOf(plan), { include: [] });
    assert.match(planReport(plan).toLogLines().join('\n'), /No target runs.*test job is skipped/);
  });

  it('selected applies on dispatches and on a command line without an event', () => {
    assert.equal(isDispatch('workflow_dispatch'), true);
    assert.equal(isDispatch('repository_dispatch'), true);
    assert.equal(isDispatch(undefined), true);
    for (const event of [
      'pull_request',
      'pull_request_target',
      'push',
      'schedule',
      'issue_comment',
    ]) {
      assert.equal(isDispatch(event), false, event);
    }
  });

  it('the report lists every target, whether it runs, and why', () => {
    const lines = planReport(
      planTargets(list(), select('local'), 'workflow_dispatch'),
    ).toLogLines();
    assert.deepEqual(lines, [
      'Targets',
      '1 of 3 target(s) run (chosen in a workflow_dispatch).',
      'target     runs     why',
      'local      yes      selected',
      'local-arm  skipped  not selected (selected: local)',
      'hcloud     skipped  not selected (selected: local)',
    ]);
  });
});

function signals(): EventEmitter {
  return new EventEmitter();
}

test('the action: outputs, summary, and a notice when a pull request ignores selected', async () => {
  const runner = fakeRunner(
    { targets: TARGETS, selected: 'hcloud' },
    {},
    {
      kind: 'github',
      rendersSummary: true,
      apiUrl: undefined,
      eventName: 'pull_request',
    },
  );
  assert.equal(await runStep(targetsAction, 'main', runner, { signals: signals() }), ExitCode.ok);
  assert.deepEqual(JSON.parse(runner.outputs.matrix ?? ''), {
    include: [
      { provider: 'local', target: 'local' },
      { provider: 'ssh', host: 'arm.example.test', target: 'local-arm' },
    ],
  });
  assert.equal(runner.outputs['has-targets'], 'true');
  assert.equal(runner.outputs.selected, 'local,local-arm');
  assert.equal(runner.outputs.skipped, 'hcloud');
  assert.ok(runner.lines.some((l) => /notice: selected is ignored on pull_request/.test(l)));
  assert.match(runner.summary, /\| hcloud \| skipped \| `default: false`/);
});

test('the action: an unknown name is a bad input before any output', async () => {
  const runner = fakeRunner({ targets: TARGETS, selected: 'loc' });
  const code = await runStep(targetsAction, 'main', runner, { signals: signals() });
  assert.equal(code, ExitCode.configuration);
  assert.deepEqual(runner.outputs, {});
  assert.match(runner.failures.join(''), /targets: input "selected" names an unknown target "loc"/);
});
