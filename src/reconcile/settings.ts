/**
 * The reconcile action's inputs, parsed before anything runs. A long-lived app has a fixed
 * domain (never a generated one) and lives somewhere that outlasts the runner: for the command
 * backend its `app-dir`, for abra the operator's ABRA_DIR.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Inputs } from '../platform/inputs.ts';
import { runOrigin } from '../platform/run-origin.ts';
import { BACKENDS, type BackendName } from '../deploy/backend.ts';
import { checkBackendSettings } from '../deploy/backends.ts';
import { isRecipeName, RECIPE_NAME_HINT } from '../recipe/recipe-name.ts';

export interface ReconcileSettings {
  recipe: string;
  /** The recipe checkout with its tags: the published versions. */
  recipePath: string;
  backend: BackendName;
  /** abra: the server the app runs on (checked to be given); undefined for command. */
  server: string | undefined;
  configPath: string;
  envFile: string | undefined;
  /** The app's own domain, lower case. */
  domain: string;
  /** The command backend's app folder; undefined for abra. */
  appDir: string | undefined;
  /** abra: the operator's ABRA_DIR, with the app's env file; undefined for command. */
  abraDir: string | undefined;
  /** Where alert issues go, when alerts are on. */
  issues: { token: string; repository: string } | undefined;
  /** Try the newest release again although it was rolled back here before. */
  retryRejected: boolean;
}

export function readReconcileSettings(inputs: Inputs, env: NodeJS.ProcessEnv): ReconcileSettings {
  const recipe = inputs.required('recipe', "give the recipe's name");
  if (!isRecipeName(recipe)) {
    inputs.fail('recipe', `"${recipe}" is not a recipe name; ${RECIPE_NAME_HINT}`);
  }
  const domain = inputs
    .required(
      'domain',
      'reconcile keeps one long-lived app current; give its domain (a generated one would be a new app every run)',
    )
    .toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(domain)) inputs.fail('domain', `"${domain}" is not a domain name`);
  const recipePath = resolve(inputs.defaulted('recipe-path', inputs.string('recipe-path')));
  const backend = inputs.defaulted('backend', inputs.choice('backend', BACKENDS));
  const server = inputs.string('server');
  checkBackendSettings({ backend, server, machineGiven: false }, inputs);
  let appDir: string | undefined;
  let abraDir: string | undefined;
  if (backend === 'command') {
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
  } else {
    abraDir = resolve(inputs.string('abra-dir') ?? env.ABRA_DIR ?? join(homedir(), '.abra'));
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
  return {
    recipe,
    recipePath,
    backend,
    server: backend === 'abra' ? server : undefined,
    configPath: resolve(recipePath, inputs.defaulted('config', inputs.string('config'))),
    envFile: inputs.string('env-file'),
    domain,
    appDir,
    abraDir,
    issues,
    retryRejected: inputs.defaulted('retry-rejected', inputs.boolean('retry-rejected')),
  };
}
