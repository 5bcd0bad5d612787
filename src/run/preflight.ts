/**
 * Every step's inputs checked before the first step makes anything: each action's own settings
 * reader runs over exactly what the chain will give it (action.yml defaults included), with
 * placeholders where an earlier step's output will be. A bad `--tiers` or a target's unknown
 * provider then fails the run at once — exit 2, no machine made — and is named as the run's
 * input, not as the step's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseActionMetadata } from '../cli/metadata.ts';
import { readOidcSettings } from '../oidc/settings.ts';
import { Inputs } from '../platform/inputs.ts';
import { generateEd25519 } from '../provision/openssh-key.ts';
import { readProvisionSettings } from '../provision/settings.ts';
import { readReadinessSettings } from '../readiness/settings.ts';
import { checkBackendInputs } from '../suite/backends.ts';
import { readSuiteSettings } from '../suite/settings.ts';
import {
  oidcRealmInputs,
  provisionInputs,
  providerOf,
  readinessInputs,
  recipeSuiteInputs,
  type RunValues,
  type StepInputs,
  type TargetEntry,
} from './chain-inputs.ts';

/** Stand-ins for what provision and readiness hand on (192.0.2.0/24 is TEST-NET-1, RFC 5737). */
function placeholders(): {
  hosts: string;
  user: string;
  privateKeyPath: string;
  knownHosts: string;
} {
  return { hosts: '192.0.2.1', user: 'root', privateKeyPath: '', knownHosts: '' };
}

export function checkChainInputs(
  run: RunValues,
  label: (runInput: string) => string,
  entries: readonly TargetEntry[],
  packageRoot: string,
): void {
  const defaults = (action: string): Map<string, string> => {
    const metadata = parseActionMetadata(
      readFileSync(join(packageRoot, 'actions', action, 'action.yml'), 'utf8'),
    );
    return new Map(
      metadata.inputs.flatMap((i) => (i.default === undefined ? [] : [[i.name, i.default]])),
    );
  };
  const over = (action: string, step: StepInputs): Inputs => {
    const fallback = defaults(action);
    return new Inputs({
      get: (name) => step.inputs[name] ?? step.secrets[name] ?? fallback.get(name),
      label: (name) => {
        const source = step.sources[name];
        if (source === undefined) return `${action}'s input "${name}"`;
        return source.startsWith('targets (') ? source : label(source);
      },
      onSecret: () => undefined,
    });
  };
  // readiness parses the key provision will hand on; any valid key stands in for it.
  const key = generateEd25519('recipe-ci-preflight').private;
  for (const entry of entries) {
    const handedOn = placeholders();
    readProvisionSettings(over('provision', provisionInputs(run, entry)));
    if (providerOf(run, entry) !== 'local') {
      const readiness = readinessInputs(run, entry, handedOn);
      delete readiness.inputs['private-key-path'];
      readiness.secrets['private-key'] = key;
      readReadinessSettings(over('readiness', readiness));
    }
    if (run.get('keycloak-url') !== '') {
      readOidcSettings(over('oidc-realm', oidcRealmInputs(run, entry, '/dev/null')));
    }
    const suite = over('recipe-suite', recipeSuiteInputs(run, entry, handedOn, undefined));
    checkBackendInputs(readSuiteSettings(suite), suite);
  }
}
