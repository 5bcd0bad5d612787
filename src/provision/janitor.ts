/**
 * The janitor: remove what killed runs leaked. It lists only things carrying our prefix label
 * and a creation label (so a person's server, or another suite's, is never even considered),
 * judges age by that label, and with dry-run only says what it would do.
 */
import { getErrorMessage } from '../shared/errors.ts';
import { formatDuration } from '../shared/duration.ts';
import { Report } from '../platform/report.ts';
import type { Leftover, Provider } from './provider.ts';

export interface JanitorResult {
  removed: Leftover[];
  spared: Leftover[];
  failed: { leftover: Leftover; error: string }[];
  report: Report;
}

export async function sweep(
  provider: Provider,
  options: { prefix: string; maxAgeMs: number; dryRun: boolean; now: number; signal: AbortSignal },
): Promise<JanitorResult> {
  const found = await provider.listOwnLeftovers(options.prefix);
  const old = found.filter((l) => options.now - l.createdAt > options.maxAgeMs);
  const spared = found.filter((l) => !old.includes(l));
  const removed: Leftover[] = [];
  const failed: JanitorResult['failed'] = [];
  if (!options.dryRun) {
    for (const leftover of old) {
      try {
        await provider.destroyLeftover(leftover, options.signal);
        removed.push(leftover);
      } catch (error) {
        failed.push({ leftover, error: getErrorMessage(error) });
      }
    }
  }
  const verdict = (l: Leftover): string => {
    if (!old.includes(l)) return 'spared (young)';
    if (options.dryRun) return 'would remove (dry run)';
    const failure = failed.find((f) => f.leftover === l);
    return failure ? `FAILED: ${failure.error}` : 'removed';
  };
  const report = new Report(`Janitor (${provider.name}, prefix ${options.prefix})`).text(
    `${String(found.length)} labelled leftover(s); removing those older than ${formatDuration(options.maxAgeMs)}${options.dryRun ? ' — dry run, nothing removed' : ''}.`,
  );
  if (found.length > 0) {
    report.table(
      ['kind', 'id', 'name', 'age', 'verdict'],
      found.map((l) => [
        l.kind,
        l.id,
        l.name,
        formatDuration(options.now - l.createdAt),
        verdict(l),
      ]),
    );
  }
  return { removed, spared, failed, report };
}
