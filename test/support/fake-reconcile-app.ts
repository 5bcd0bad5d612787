/**
 * A long-lived app for reconcile's decisions, and a ledger kept in memory. The app runs
 * nothing: it records each operation, answers health from a script (true unless the test says
 * otherwise) and fails the operations a test lists. The ledger counts its writes, so a test
 * can show that a hold wrote nothing.
 */
import type { BackendStep } from '../../src/deploy/backend.ts';
import type { HealthVerdict, ReconcileApp } from '../../src/reconcile/app.ts';
import type { Ledger, LedgerStore } from '../../src/reconcile/ledger.ts';

type Operation = 'deploy' | 'upgrade' | 'backup' | 'restore';

export class FakeReconcileApp implements ReconcileApp {
  readonly runningFrom = 'the fake app';
  /** Every call in order, e.g. `upgrade 1.1.0+1.1`, `health`. */
  readonly calls: string[] = [];
  private readonly failing = new Set<Operation>();

  /** `healthy` answers the health checks in order; once used up, the app is healthy. */
  constructor(private readonly healthy: boolean[] = []) {}

  fail(operation: Operation): this {
    this.failing.add(operation);
    return this;
  }

  private step(operation: Operation, detail: string): BackendStep {
    this.calls.push(`${operation} ${detail}`.trim());
    const ok = !this.failing.has(operation);
    return { ok, summary: `${operation} ${ok ? 'ok' : 'broke'}`, results: [] };
  }

  runningVersion(): Promise<string | undefined> {
    return Promise.reject(new Error('reconcile is handed the running version'));
  }

  deploy(version: string): Promise<BackendStep> {
    return Promise.resolve(this.step('deploy', version));
  }

  upgrade(version: string): Promise<BackendStep> {
    return Promise.resolve(this.step('upgrade', version));
  }

  backup(): Promise<BackendStep & { location: string | undefined }> {
    return Promise.resolve({ ...this.step('backup', ''), location: '/backups/app-1.tar' });
  }

  restore(location: string | undefined, version: string): Promise<BackendStep> {
    return Promise.resolve(this.step('restore', `${location ?? '-'} as ${version}`));
  }

  health(): Promise<HealthVerdict> {
    this.calls.push('health');
    const ok = this.healthy.shift() ?? true;
    return Promise.resolve({ ok, summary: ok ? 'GET / → 200' : 'GET / → 502' });
  }

  diagnostics(): Promise<string> {
    return Promise.resolve('app.1: exited (1)');
  }
}

export class MemoryLedger implements LedgerStore {
  readonly path = 'memory';
  writes = 0;
  private current: Ledger;

  constructor(start: Partial<Pick<Ledger, 'lastGood' | 'rejected'>> = {}) {
    this.current = {
      version: 1,
      recipe: 'notes',
      domain: 'notes.example.test',
      lastGood: undefined,
      port: undefined,
      rejected: undefined,
      updated: undefined,
      ...start,
    };
  }

  read(): Promise<Ledger> {
    return Promise.resolve(this.current);
  }

  update(change: Partial<Pick<Ledger, 'lastGood' | 'port' | 'rejected'>>): Promise<Ledger> {
    const after = { ...this.current, ...change };
    if (JSON.stringify(after) !== JSON.stringify(this.current)) {
      this.writes++;
      this.current = after;
    }
    return Promise.resolve(this.current);
  }
}
