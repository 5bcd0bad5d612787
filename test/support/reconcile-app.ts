/**
 * A long-lived app of the example notes recipe for the reconcile action's tests with the command
 * backend: its home folder, a config whose every command is logged to commands.log (so a test
 * can show which commands ran, and which did not), and the action run as a runner runs it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { FakeActionsEnv, type StepResult } from './fake-actions-env.ts';
import { tempDir } from './temp-dir.ts';

export const DOMAIN = 'notes.example.test';
const apps: string[] = [];

export interface ReconcileTestApp {
  appDir: string;
  configPath: string;
}

/** A long-lived app's home and a config whose every command is logged to commands.log. */
export function newApp(
  repo: string,
  change: (commands: Record<string, string>) => void = () => undefined,
): ReconcileTestApp {
  const appDir = tempDir('recipe-ci-warm-');
  apps.push(appDir);
  const config = parse(readFileSync(join(repo, '.recipe-ci.yml'), 'utf8')) as {
    commands: Record<string, string>;
    health: { timeout: string };
  };
  change(config.commands);
  for (const [op, command] of Object.entries(config.commands)) {
    config.commands[op] = `echo ${op} >>"$RECIPE_CI_STATE_DIR/commands.log"; ${command}`;
  }
  config.health.timeout = '4s';
  const configPath = join(tempDir('recipe-ci-config-'), 'recipe-ci.yml');
  writeFileSync(configPath, stringify(config));
  return { appDir, configPath };
}

export function commandsRun(appDir: string): string[] {
  const file = join(appDir, 'commands.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

export function clearLog(appDir: string): void {
  rmSync(join(appDir, 'commands.log'), { force: true });
}

export interface LedgerFile {
  lastGood?: string;
  port: number;
  rejected?: { version: string; at: string; reason: string };
}

export function ledgerText(appDir: string): string {
  return readFileSync(join(appDir, 'recipe-ci-reconcile.json'), 'utf8');
}

export function ledger(appDir: string): LedgerFile {
  return JSON.parse(ledgerText(appDir)) as LedgerFile;
}

export function pid(appDir: string): number {
  return Number(readFileSync(join(appDir, 'app.pid'), 'utf8'));
}

export function stopApp(appDir: string): void {
  try {
    process.kill(pid(appDir));
  } catch {
    /* not running */
  }
}

/** Stop every app these helpers started (for `after`). */
export function stopApps(): void {
  for (const appDir of apps) stopApp(appDir);
}

export async function notes(appDir: string, put?: string): Promise<string> {
  const url = `http://127.0.0.1:${String(ledger(appDir).port)}/notes`;
  const response = await fetch(url, put === undefined ? {} : { method: 'PUT', body: put });
  return response.text();
}

export async function health(appDir: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${String(ledger(appDir).port)}/health`);
  return `${String(response.status)} ${await response.text()}`;
}

export function reconcile(
  repo: string,
  app: ReconcileTestApp,
  extra: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<StepResult> {
  return new FakeActionsEnv().run(
    'reconcile',
    'main',
    {
      recipe: 'notes',
      'recipe-path': repo,
      backend: 'command',
      domain: DOMAIN,
      'app-dir': app.appDir,
      config: app.configPath,
      ...extra,
    },
    { env },
  );
}

/** The run passed with this result, and the summary says so for the app's domain. */
export function ok(result: StepResult, expected: string): void {
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.equal(result.outputs.result, expected, result.stdout);
  const domain = (result.outputs.domain ?? DOMAIN).replace(/\./g, '\\.');
  assert.match(result.summary, new RegExp(`${domain}: ${expected}`));
}
