/** Every action by its public name: the CLI's sub-commands and the build's entries. */
import type { ActionDefinition } from '../platform/context.ts';
import { oidcRealm } from './oidc-realm.ts';
import { provision } from './provision.ts';
import { readiness } from './readiness.ts';
import { recipeSuite } from './recipe-suite.ts';
import { reconcileAction } from './reconcile.ts';
import { report } from './report.ts';
import { targets } from './targets.ts';

export const actions: Readonly<Record<string, ActionDefinition>> = {
  provision,
  readiness,
  'oidc-realm': oidcRealm,
  'recipe-suite': recipeSuite,
  reconcile: reconcileAction,
  targets,
  report,
};
