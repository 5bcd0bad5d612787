// The oidc-realm action's post step: cleanup that warns instead of failing the job.
import { oidcRealm } from '../../src/actions/oidc-realm.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(oidcRealm, 'post');
