/** The run's result for the log and the job summary; secrets are never part of it. */
import { formatDuration } from '../shared/duration.ts';
import { Report } from '../platform/report.ts';
import type { Created } from './create.ts';
import type { SweepEntry } from './janitor.ts';

export function createdReport(created: Created, envFile: string | undefined): Report {
  const v = created.values;
  const report = new Report('recipe-ci oidc-realm').text(
    `realm ${v.realm} ready and verified in ${formatDuration(created.elapsedMs)} with ${String(created.adminCalls)} admin call(s)`,
  );
  report.table(
    ['setting', 'value'],
    [
      ['issuer', v.issuer],
      ['discovery-url', v['discovery-url']],
      ['token-endpoint', v['token-endpoint']],
      ['client-id', v['client-id']],
      ['username', v.username || '(no test user)'],
      ['env-file', envFile ?? '(none)'],
    ],
  );
  return report;
}

export function janitorReport(entries: SweepEntry[], dryRun: boolean, prefix: string): Report {
  const removed = entries.filter((e) => e.action === 'deleted').length;
  const report = new Report(`recipe-ci oidc-realm janitor${dryRun ? ' (dry run)' : ''}`).text(
    entries.length === 0
      ? `nothing of prefix "${prefix}" found`
      : `${String(entries.length)} of ours found, ${String(removed)} deleted`,
  );
  if (entries.length > 0) {
    report.table(
      ['kind', 'name', 'age', 'action'],
      entries.map((e) => [
        e.kind,
        e.name,
        formatDuration(e.ageSeconds * 1000),
        e.detail ? `${e.action}: ${e.detail}` : e.action,
      ]),
    );
  }
  return report;
}
