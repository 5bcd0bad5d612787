// The report action's main step: one call into the shared core.
import { report } from '../../src/actions/report.ts';
import { runActionStep } from '../../src/platform/entry.ts';

await runActionStep(report, 'main');
