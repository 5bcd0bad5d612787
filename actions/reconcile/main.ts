// The reconcile action's main step (it has no post: the app it keeps is long-lived).
import { reconcileAction } from '../../src/actions/reconcile.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(reconcileAction, 'main');
