/**
 * The main job on this machine: start the peers a hosted job would find on the network — the
 * target machine, a Keycloak (the lab's real one; the stand-in only where the lab has none), the
 * example recipe's git repo —
 * then one call of the committed CLI, `node dist/cli.js run`, exactly as a Drone step or a laptop
 * makes it; then remove the peers and check that nothing was left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { labKeycloakMissing, startLabKeycloak } from '../../test/support/keycloak-lab.ts';
import { recipeRepo } from '../../test/support/recipe-repo.ts';
import { backendLine } from './backend.ts';
import { renderSummary } from './summary.ts';
import { startTarget, type DemoTarget, type TargetKind } from './target.ts';

export interface KeycloakLogin {
  url: string;
  clientId: string;
  clientSecret: string;
}

export interface DemoOptions {
  /** The package root (where dist/ and test/fixtures are). */
  root: string;
  target: TargetKind;
  /** A Keycloak to use instead of starting one. */
  keycloak: KeycloakLogin | undefined;
  /** Add a custom check to the recipe that fails, to show a failing run end to end. */
  failingCheck: boolean;
  /** Aborted on Ctrl-C: forwarded to `recipe-ci run`, which stops and cleans up. */
  signal: AbortSignal;
  out: (line: string) => void;
}

export interface DemoResult {
  /** 0 passed, 1 failed (a step, or something left behind), 130 cancelled. */
  code: number;
  workDir: string;
  /** What could not be removed (empty when nothing was left behind). */
  leftovers: string[];
}

/** One cleanup task: resolves with what it could not remove. */
type Cleanup = { name: string; run: () => Promise<string[]> };

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { out, signal } = options;
  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'recipe-ci-demo-'));
  const result: DemoResult = { code: 0, workDir, leftovers: [] };
  const cleanups: Cleanup[] = [];
  let runCode = 1;

  out(`recipe-ci demo: the main job of a recipe's workflow, run on this machine`);
  out(`work dir ${workDir}`);
  out(backendLine());
  try {
    const target: DemoTarget = await startTarget(options.target, workDir, out);
    cleanups.push({ name: 'target', run: () => target.close() });
    out(`target: ${target.description}`);
    const keycloak = options.keycloak ?? (await startKeycloak(cleanups, out));
    if (options.keycloak !== undefined) out(`Keycloak: ${keycloak.url}`);
    const repo = recipeRepo({
      candidate: '1.1.0+1.1',
      change: options.failingCheck ? addFailingCheck : undefined,
    });
    cleanups.push({ name: 'recipe repo', run: () => remove(repo) });
    out(
      `recipe: notes (test/fixtures/recipe-notes) in a git repo at ${repo}, tags 1.0.0+1.0 1.1.0+1.1 2.0.0+2.0, candidate 1.1.0+1.1${options.failingCheck ? ' plus a custom check that fails on purpose' : ''}`,
    );
    if (target.cloudInitNote) out(`(${target.cloudInitNote})`);
    if (signal.aborted) return result;

    // Powered on now: readiness watches the guest boot, as it would a cloud VM.
    target.boot();
    const summaryFile = join(workDir, 'summary.md');
    const args = [
      ...['--recipe', 'notes', '--recipe-path', repo, '--backend', 'command'],
      '--targets',
      stringify([
        { name: options.target, provider: 'ssh', host: target.host, user: target.user },
        { name: 'hcloud-debian-12', provider: 'hcloud', image: 'debian-12', default: false },
      ]),
      ...['--target', options.target, '--base-domain', 'ci.example.test'],
      ...['--readiness-timeout', '2m', '--readiness-cloud-init', target.cloudInit],
      ...['--keycloak-url', keycloak.url, '--keycloak-admin-client-id', keycloak.clientId],
      ...['--results-dir', join(workDir, 'results'), '--summary-file', summaryFile],
    ];
    out('');
    out(`$ recipe-ci run --recipe notes --target ${options.target} … (secrets in the environment)`);
    const run = await runCli(options.root, args, workDir, signal, out, {
      SSH_PRIVATE_KEY: readFileSync(target.privateKeyPath, 'utf8'),
      KEYCLOAK_ADMIN_CLIENT_SECRET: keycloak.clientSecret,
    });
    runCode = run.code;
    const json = run.json as { leftovers?: string[] } | undefined;
    result.leftovers.push(...(json?.leftovers ?? []));
    if (existsSync(summaryFile)) {
      out('');
      out('══ job summary (what the workflow run page shows) ══');
      out('');
      for (const line of renderSummary(readFileSync(summaryFile, 'utf8'))) out(line);
    }
  } catch (error) {
    out(`✘ ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    out('');
    out('── cleanup: what the demo started ──');
    for (const cleanup of cleanups.reverse()) {
      const left = await cleanup
        .run()
        .catch((error: unknown) => [
          `${cleanup.name}: ${error instanceof Error ? error.message : String(error)}`,
        ]);
      result.leftovers.push(...left);
      out(`${left.length === 0 ? '✔ removed' : '✘ could not fully remove'} ${cleanup.name}`);
    }
    result.leftovers.push(...(await remove(workDir)));
    out('');
    out(
      result.leftovers.length === 0
        ? 'left behind: nothing (lab, processes, realms, temp dirs and state files removed)'
        : `left behind: ${result.leftovers.join('; ')}`,
    );
    if (signal.aborted || runCode === 130) result.code = 130;
    else if (runCode !== 0 || result.leftovers.length > 0) result.code = 1;
    const verdict = { 0: 'passed', 1: 'FAILED', 130: 'cancelled' }[result.code] ?? 'FAILED';
    out(`demo ${verdict} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return result;
}

/** The lab's real Keycloak where it can run for this user, else the stand-in; says which. */
async function startKeycloak(
  cleanups: Cleanup[],
  out: (line: string) => void,
): Promise<KeycloakLogin> {
  const missing = labKeycloakMissing();
  if (missing !== undefined) {
    const login = await startStandIn(cleanups);
    out(`Keycloak: the stand-in (not Keycloak) at ${login.url}, because ${missing}`);
    return login;
  }
  out("Keycloak: starting the lab's Keycloak (kc.sh start-dev, in memory, on loopback)…");
  const lab = await startLabKeycloak();
  cleanups.push({
    name: `Keycloak ${lab.version}`,
    run: async () => {
      // Checked before it stops: the run's post step must have deleted the realm.
      const left = (await lab.realmNames()).filter((r) => r !== 'master');
      await lab.stop();
      return left.map((r) => `realm ${r} in Keycloak`);
    },
  });
  out(
    `Keycloak: Keycloak ${lab.version} (real, started in ${(lab.startMs / 1000).toFixed(1)} s) at ${lab.url}, admin client ${lab.client.id} holding only create-realm`,
  );
  return { url: lab.url, clientId: lab.client.id, clientSecret: lab.client.secret };
}

async function startStandIn(cleanups: Cleanup[]): Promise<KeycloakLogin> {
  // Loaded only when used: its OIDC library warns on Node 20, and the real Keycloak needs none.
  const { DEFAULT_PRINCIPALS, KeycloakStandIn } =
    await import('../../test/support/keycloak-stand-in/index.ts');
  const standIn = await KeycloakStandIn.start();
  cleanups.push({
    name: 'Keycloak stand-in',
    run: async () => {
      // Checked before it stops: the run's post step must have deleted the realm.
      const left = [...standIn.realms.keys()].filter((r) => r !== 'master');
      await standIn.stop();
      return left.map((r) => `realm ${r} in the Keycloak stand-in`);
    },
  });
  const admin = DEFAULT_PRINCIPALS.find((p) => p.kind === 'client');
  if (admin?.kind !== 'client') throw new Error('the stand-in has no admin client');
  return { url: standIn.url, clientId: admin.clientId, clientSecret: admin.secret };
}

/**
 * `node dist/cli.js run …` in its own process group, its log shown as it comes. A Ctrl-C reaches
 * it once, through the demo: the terminal's own goes to the demo's group only.
 */
function runCli(
  root: string,
  args: string[],
  cwd: string,
  signal: AbortSignal,
  out: (line: string) => void,
  secrets: NodeJS.ProcessEnv,
): Promise<{ code: number; json: unknown }> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('INPUT_')),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'dist', 'cli.js'), 'run', ...args],
    {
      cwd,
      env: { ...env, ...secrets, RUNNER_TEMP: cwd },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const forward = (): void => {
    child.kill('SIGINT');
  };
  signal.addEventListener('abort', forward, { once: true });
  let stdout = '';
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) out(line);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      signal.removeEventListener('abort', forward);
      if (pending) out(pending);
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code: code ?? 1, json });
    });
  });
}

function addFailingCheck(dir: string): void {
  const file = join(dir, '.recipe-ci.yml');
  writeFileSync(
    file,
    `${readFileSync(file, 'utf8')}  - name: fails on purpose (demo --fail)\n    run: echo "this check fails on purpose" >&2; exit 1\n`,
  );
}

function remove(path: string): Promise<string[]> {
  try {
    rmSync(path, { recursive: true, force: true });
    return Promise.resolve([]);
  } catch (error) {
    return Promise.resolve([`${path}: ${error instanceof Error ? error.message : String(error)}`]);
  }
}
