// The oidc-realm action's main step: one call into the shared core.
import { oidcRealm } from '../../src/actions/oidc-realm.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(oidcRealm, 'main');
