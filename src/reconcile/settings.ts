/**
 * The inputs `mode: reconcile` adds to recipe-suite's, parsed before anything runs. A
 * long-lived app has a fixed domain (never a generated one) and, for the command backend, a
 * folder it lives in that outlasts the runner.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Inputs } from '../platform/inputs.ts';
import { runOrigin } from '../platform/run-origin.ts';

export interface ReconcileSettings {
  domain: string;
  /** The command backend's app folder; undefined for abra. */
  appDir: string | undefined;
  /** Where alert issues go, when alerts are on. */
  issues: { token: string; repository: string } | undefined;
  /** Try the newest release again although it was rolled back here before. */
  retryRejected: boolean;
}

export function readReconcileSettings(inputs: Inputs, env: NodeJS.ProcessEnv): ReconcileSettings {
  const domain = inputs.required(
    'domain',
    'mode reconcile keeps one long-lived app current; give its domain (a generated one would be a new app every run)',
  );
  let appDir: string | undefined;
  if (inputs.choice('backend', ['abra', 'command']) === 'command') {
    appDir = resolve(
      inputs.required(
        'app-dir',
        'with backend command, give the folder the long-lived app lives in (its data, releases and ledger)',
      ),
    );
    if (!existsSync(appDir) || !statSync(appDir).isDirectory()) {
      inputs.fail(
        'app-dir',
        `${appDir} is not a folder, so there is no such app here; create it (mkdir) to deploy the app there for the first time, or fix the path`,
      );
    }
  }
  let issues: ReconcileSettings['issues'];
  if (inputs.defaulted('alert-issues', inputs.boolean('alert-issues'))) {
    const token = inputs.secret('alert-token');
    if (token === undefined) {
      inputs.fail(
        'alert-token',
        'is required when alert-issues is true; pass ${{ github.token }} and give the job `issues: write`',
      );
    }
    const repository = runOrigin(env).repository ?? '';
    if (!/^[^/\s]+\/[^/\s]+$/.test(repository)) {
      inputs.fail(
        'alert-issues',
        'needs the repository (GITHUB_REPOSITORY, set by the runner) to open issues in; set it or turn alerts off',
      );
    }
    issues = { token, repository };
  }
  const retryRejected = inputs.defaulted('retry-rejected', inputs.boolean('retry-rejected'));
  return { domain: domain.toLowerCase(), appDir, issues, retryRejected };
}
