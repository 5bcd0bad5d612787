/**
 * What each step of one target's chain is given: the reusable workflow's `with:` blocks
 * (.github/workflows/recipe-ci.yml, test job), written once more as code because here no runner
 * evaluates them. A target's own properties override the run's, as `matrix.x || inputs.x` does;
 * empty values are left out so the step's action.yml default applies. Secrets travel apart, as
 * INPUT_* variables of the one step that needs them, never on a command line.
 *
 * Each step input also names the run input it comes from, so a bad value is reported as the
 * run's `--tiers`, not as recipe-suite's `tiers`.
 */

/** The run's inputs as given (trimmed; empty when not given), and its secrets. */
export interface RunValues {
  get(name: string): string;
  secret(name: string): string | undefined;
}

/** A target's matrix entry: `target`, `domain` and any properties the targets list gave it. */
export type TargetEntry = Readonly<Record<string, unknown>>;

export interface StepInputs {
  inputs: Record<string, string>;
  /** Secret inputs: go to the step as INPUT_* variables. */
  secrets: Record<string, string>;
  /** Step input → the run input (or target property) it comes from, for error messages. */
  sources: Record<string, string>;
}

/** The outputs an earlier step handed on (placeholders when only checking the inputs). */
export interface HandedOn {
  hosts: string;
  user: string;
  privateKeyPath: string;
  knownHosts: string;
}

/** The properties of a target that override the run's inputs of the same name. */
export const TARGET_OVERRIDES = [
  'provider',
  'host',
  'user',
  'image',
  'server-type',
  'location',
  'user-data',
  'create-command',
  'destroy-command',
] as const;

class Builder {
  readonly step: StepInputs = { inputs: {}, secrets: {}, sources: {} };
  constructor(private readonly target: string) {}

  set(name: string, value: string, source: string): this {
    if (value !== '') {
      this.step.inputs[name] = value;
      this.step.sources[name] = source;
    }
    return this;
  }

  fromRun(run: RunValues, name: string, runName = name): this {
    return this.set(name, run.get(runName), runName);
  }

  /** `matrix.x || inputs.x`. */
  overridden(run: RunValues, entry: TargetEntry, name: string): this {
    const own = entry[name];
    if (typeof own === 'string' && own.trim() !== '') {
      return this.set(name, own.trim(), `targets (${this.target}'s ${name})`);
    }
    return this.fromRun(run, name);
  }

  secret(name: string, value: string | undefined, source: string): this {
    if (value !== undefined) {
      this.step.secrets[name] = value;
      this.step.sources[name] = source;
    }
    return this;
  }
}

export function providerOf(run: RunValues, entry: TargetEntry): string {
  const own = entry.provider;
  return typeof own === 'string' && own.trim() !== '' ? own.trim() : run.get('provider');
}

function jobTimeout(run: RunValues): string {
  const minutes = run.get('timeout-minutes');
  return minutes === '' ? '' : `${minutes}m`;
}

export function provisionInputs(run: RunValues, entry: TargetEntry): StepInputs {
  const b = new Builder(targetName(entry));
  for (const name of TARGET_OVERRIDES) b.overridden(run, entry, name);
  return b
    .set('swarm', run.get('backend') === 'abra' ? 'true' : 'false', 'backend')
    .fromRun(run, 'keep')
    .set('job-timeout', jobTimeout(run), 'timeout-minutes')
    .secret('private-key', run.secret('ssh-private-key'), 'ssh-private-key')
    .secret('hcloud-token', run.secret('hcloud-token'), 'hcloud-token').step;
}

export function readinessInputs(run: RunValues, entry: TargetEntry, from: HandedOn): StepInputs {
  return new Builder(targetName(entry))
    .set('hosts', from.hosts, 'provision')
    .set('user', from.user, 'provision')
    .set('private-key-path', from.privateKeyPath, 'provision')
    .fromRun(run, 'timeout', 'readiness-timeout')
    .fromRun(run, 'http', 'readiness-http')
    .fromRun(run, 'cloud-init', 'readiness-cloud-init')
    .set('job-timeout', jobTimeout(run), 'timeout-minutes').step;
}

export function oidcRealmInputs(run: RunValues, entry: TargetEntry, envFile: string): StepInputs {
  const domain = typeof entry.domain === 'string' ? entry.domain : '';
  const redirect = run.get('oidc-redirect-uris') || (domain && `https://${domain}/*`);
  return new Builder(targetName(entry))
    .fromRun(run, 'keycloak-url')
    .fromRun(run, 'admin-client-id', 'keycloak-admin-client-id')
    .fromRun(run, 'admin-username', 'keycloak-admin-username')
    .set('redirect-uris', redirect, 'oidc-redirect-uris')
    .set('web-origins', domain && `https://${domain}`, 'base-domain')
    .fromRun(run, 'env-map', 'oidc-env-map')
    .set('env-file', envFile, 'the run')
    .set('job-timeout', jobTimeout(run), 'timeout-minutes')
    .secret(
      'admin-client-secret',
      run.secret('keycloak-admin-client-secret'),
      'keycloak-admin-client-secret',
    )
    .secret('admin-password', run.secret('keycloak-admin-password'), 'keycloak-admin-password')
    .step;
}

export function recipeSuiteInputs(
  run: RunValues,
  entry: TargetEntry,
  from: HandedOn | undefined,
  envFile: string | undefined,
): StepInputs {
  const local = providerOf(run, entry) === 'local';
  const server = typeof entry.server === 'string' ? entry.server : local ? 'local' : '';
  const domain = typeof entry.domain === 'string' ? entry.domain : '';
  const b = new Builder(targetName(entry))
    .fromRun(run, 'recipe')
    .fromRun(run, 'recipe-path')
    .fromRun(run, 'backend')
    // local: abra's `server add --local` (the runner is the server); else the handed-over host.
    .set('server', server, `targets (${targetName(entry)}'s server)`)
    .set('domain', domain, 'base-domain')
    .fromRun(run, 'base-domain')
    .fromRun(run, 'config')
    .fromRun(run, 'tiers')
    .fromRun(run, 'previous')
    .set('env-file', envFile ?? '', 'the run')
    .fromRun(run, 'keep')
    .set('target', targetName(entry), 'targets')
    .set('job-timeout', jobTimeout(run), 'timeout-minutes');
  // The machine provision made and readiness proved (none for local: the runner itself).
  if (!local && from !== undefined) {
    b.set('host', from.hosts, 'provision')
      .set('user', from.user, 'provision')
      .set('private-key-path', from.privateKeyPath, 'provision')
      .set('known-hosts', from.knownHosts, 'readiness');
  }
  return b.step;
}

export function targetName(entry: TargetEntry): string {
  return typeof entry.target === 'string' ? entry.target : '?';
}
