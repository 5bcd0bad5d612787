/** The plan as the log and the job summary show it: every target, whether it runs, and why. */
import { Report } from '../platform/report.ts';
import { running, type Plan } from './plan.ts';

export function planReport(plan: Plan): Report {
  const count = running(plan).length;
  const how = plan.dispatched
    ? plan.event === undefined
      ? 'chosen on the command line'
      : `chosen in a ${plan.event}`
    : `the default set of a ${plan.event ?? ''} run`;
  const report = new Report('Targets').text(
    count === 0
      ? `No target runs (${how}): the test job is skipped and the gate passes.`
      : `${String(count)} of ${String(plan.entries.length)} target(s) run (${how}).`,
  );
  return report.table(
    ['target', 'runs', 'why'],
    plan.entries.map((entry) => [entry.target.name, entry.runs ? 'yes' : 'skipped', entry.reason]),
  );
}
