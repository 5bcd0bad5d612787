/**
 * The recipe-suite inputs, parsed before anything runs: an unknown tier, a missing base domain
 * or a config file with a mistake fail here, naming the input (or the file and line).
 */
import { resolve } from 'node:path';
import { generateAppDomain } from '../recipe/app-domain.ts';
import { BACKENDS, type BackendName } from '../deploy/backend.ts';
import type { Inputs } from '../platform/inputs.ts';
import { isRecipeName, RECIPE_NAME_HINT } from '../recipe/recipe-name.ts';
import { isTargetName } from '../targets/spec.ts';
import { TIERS, type TierName } from '../recipe/tiers.ts';
import { lastCount, VersionError } from '../recipe/versions.ts';

export interface SuiteSettings {
  recipe: string;
  recipePath: string;
  backend: BackendName;
  server: string | undefined;
  domain: string;
  /** The `base-domain` input, lower case; the janitor finds our apps under it. */
  baseDomain: string | undefined;
  configPath: string;
  tiers: Set<TierName>;
  previous: string;
  allowMajor: boolean;
  repeat: number;
  failFast: boolean;
  envFile: string | undefined;
  keep: 'never' | 'on-failure' | 'always';
  mode: SuiteMode;
  /** The target's name, for the report (results.json `target`); undefined outside a matrix. */
  target: string | undefined;
}

export const SUITE_MODES = ['run', 'janitor'] as const;
export type SuiteMode = (typeof SUITE_MODES)[number];

/** Where a workflow that still gives recipe-suite `mode: reconcile` finds it now. */
export const RECONCILE_MOVED =
  'is reconcile, which moved to an action of its own: use recipe-ci/recipe-ci/actions/reconcile@<ref> (on a command line: recipe-ci reconcile) with the same inputs, without mode';

export function readSuiteMode(inputs: Inputs): SuiteMode {
  if (inputs.string('mode') === 'reconcile') inputs.fail('mode', RECONCILE_MOVED);
  return inputs.defaulted('mode', inputs.choice('mode', SUITE_MODES));
}

export function readSuiteSettings(inputs: Inputs): SuiteSettings {
  const recipe = inputs.required('recipe', "give the recipe's name");
  if (!isRecipeName(recipe)) {
    inputs.fail('recipe', `"${recipe}" is not a recipe name; ${RECIPE_NAME_HINT}`);
  }
  const tiers = new Set<TierName>();
  for (const tier of inputs.list('tiers')) {
    if (!(TIERS as readonly string[]).includes(tier)) {
      inputs.fail('tiers', `lists "${tier}", which is not a tier; choose from ${TIERS.join(', ')}`);
    }
    tiers.add(tier as TierName);
  }
  if (tiers.size === 0) inputs.fail('tiers', `is empty; choose from ${TIERS.join(', ')}`);
  const recipePath = resolve(inputs.defaulted('recipe-path', inputs.string('recipe-path')));
  return {
    recipe,
    recipePath,
    backend: inputs.defaulted('backend', inputs.choice('backend', BACKENDS)),
    server: inputs.string('server'),
    domain: appDomain(inputs, recipe),
    baseDomain: inputs.string('base-domain')?.toLowerCase(),
    configPath: resolve(recipePath, inputs.defaulted('config', inputs.string('config'))),
    tiers,
    previous: readPrevious(inputs),
    allowMajor: inputs.defaulted('allow-major', inputs.boolean('allow-major')),
    repeat: inputs.defaulted('repeat', inputs.integer('repeat', { min: 1, max: 20 })),
    failFast: inputs.defaulted('fail-fast', inputs.boolean('fail-fast')),
    envFile: inputs.string('env-file'),
    keep: inputs.defaulted('keep', inputs.choice('keep', ['never', 'on-failure', 'always'])),
    mode: readSuiteMode(inputs),
    target: readTarget(inputs),
  };
}

/** `auto`, a version tag, or `last-N`; a malformed `last-N` is refused before anything runs. */
function readPrevious(inputs: Inputs): string {
  const previous = inputs.defaulted('previous', inputs.string('previous'));
  try {
    lastCount(previous);
  } catch (error) {
    if (error instanceof VersionError) inputs.fail('previous', error.message);
    throw error;
  }
  return previous;
}

/** A target name as the targets action allows them (targets/spec.ts). */
function readTarget(inputs: Inputs): string | undefined {
  const target = inputs.string('target');
  if (target !== undefined && !isTargetName(target)) {
    inputs.fail('target', `"${target}" is not a target name; use letters, digits, ., _ and -`);
  }
  return target;
}

/** `domain`, or `<first 4 letters of recipe>-<6 hex>.<base-domain>`: short, unique per run. */
function appDomain(inputs: Inputs, recipe: string): string {
  const domain = inputs.string('domain');
  if (domain !== undefined) {
    if (!/^[a-z0-9.-]+$/i.test(domain)) inputs.fail('domain', `"${domain}" is not a domain name`);
    return domain.toLowerCase();
  }
  const base = inputs.string('base-domain');
  if (base === undefined) {
    inputs.fail(
      'base-domain',
      'is required when domain is not given; the app needs a domain to be deployed on',
    );
  }
  if (!/^[a-z0-9.-]+$/i.test(base)) inputs.fail('base-domain', `"${base}" is not a domain name`);
  return generateAppDomain(recipe, base);
}
