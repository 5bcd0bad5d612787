/**
 * A deploy backend that records what the engine asks of it and answers as a test scripts it:
 * each operation passes unless the test lists it as failing (optionally only its n-th call).
 * It runs nothing; the engine's decisions are what the tests look at.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend, BackendStep, DeploySource, LintStep } from '../../src/deploy/backend.ts';

type Operation = 'deploy' | 'upgrade' | 'health' | 'backup' | 'restore' | 'teardown' | 'lint';

export class FakeBackend implements Backend {
  readonly name = 'command' as const;
  /** Every call in order, e.g. `deploy 1.0.0+1`, `health`, `teardown`. */
  readonly calls: string[] = [];
  private readonly failing = new Map<Operation, number | 'always'>();
  private readonly counts = new Map<Operation, number>();
  private readonly backupDir = mkdtempSync(join(tmpdir(), 'recipe-ci-fake-backup-'));
  /** What `backup` says it wrote; by default a file that exists and is not empty. */
  backupLocation: string | undefined = join(this.backupDir, 'app.tar');
  /** Why `lint` has nothing to run (as the command backend without commands.lint), if set. */
  lintSkipped: string | undefined;

  constructor() {
    writeFileSync(join(this.backupDir, 'app.tar'), 'data');
  }

  /** Makes `operation` fail, always or only on its `nth` call (1-based). */
  fail(operation: Operation, nth: number | 'always' = 'always'): this {
    this.failing.set(operation, nth);
    return this;
  }

  close(): void {
    rmSync(this.backupDir, { recursive: true, force: true });
  }

  private step(operation: Operation, detail = ''): BackendStep {
    const count = (this.counts.get(operation) ?? 0) + 1;
    this.counts.set(operation, count);
    this.calls.push(detail === '' ? operation : `${operation} ${detail}`);
    const rule = this.failing.get(operation);
    const ok = !(rule === 'always' || rule === count);
    return { ok, summary: ok ? `${operation} ok` : `${operation} broke`, results: [] };
  }

  deploy(source: DeploySource): Promise<BackendStep> {
    return Promise.resolve(this.step('deploy', source.version ?? 'candidate'));
  }

  upgrade(source: DeploySource): Promise<BackendStep> {
    return Promise.resolve(this.step('upgrade', source.version ?? 'candidate'));
  }

  health(): Promise<BackendStep> {
    return Promise.resolve(this.step('health'));
  }

  backup(): Promise<BackendStep & { location: string | undefined }> {
    return Promise.resolve({ ...this.step('backup'), location: this.backupLocation });
  }

  restore(location: string | undefined): Promise<BackendStep> {
    return Promise.resolve(this.step('restore', location === undefined ? '' : 'backup'));
  }

  teardown(): Promise<BackendStep> {
    return Promise.resolve(this.step('teardown'));
  }

  lint(candidate: DeploySource): Promise<LintStep> {
    if (this.lintSkipped !== undefined) {
      this.calls.push('lint skipped');
      return Promise.resolve({ ok: true, summary: '', results: [], skipped: this.lintSkipped });
    }
    return Promise.resolve(this.step('lint', candidate.version ?? 'candidate'));
  }

  diagnostics(): Promise<string> {
    this.calls.push('diagnostics');
    return Promise.resolve('task app.1: exited (1)');
  }
}
