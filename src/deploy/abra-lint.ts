/**
 * `abra recipe lint <recipe>`: how the abra backend runs it and how it reads the answer. What we
 * know of it, and where:
 *
 * - The rules: abra's `pkg/lint` (pkg.go.dev/coopcloud.tech/abra/pkg/lint) keeps `LintRules` by
 *   level, `warn` and `error`, each rule a `Ref` (R001 …), a `Description` and a `HowToResolve`
 *   (R001 "compose config has expected version": "ensure 'version: "3.8"' in compose configs").
 * - The answer: one table, columns ref | rule | severity | satisfied | skipped | resolve, with ✅
 *   or ❌ under satisfied and ✅ under skipped (a rule whose skip condition held). An error-level
 *   rule that is not satisfied adds a WARN line ("critical errors present …") after the table,
 *   and abra still exits 0: the exit code says only whether abra could lint at all (non-zero on a
 *   FATA, e.g. "unable to validate recipe"). So the verdict is read from the table. Observed on
 *   real abra by the Co-op Cloud recipe maintainers' CI (git.autonomic.zone/recipe-maintainers/
 *   cc-ci, runner/harness/lint.py and JOURNAL-lvl5.md, 2026-06: R001–R016, about 0.7 s; read
 *   through a search index, not re-checked against abra itself — e2e-abra is where to confirm).
 * - It needs a terminal even with `-n`: without one it stops with "FATA inappropriate ioctl for
 *   device" (same source), so it runs under util-linux `script`, which gives it a pseudo-terminal
 *   and passes its exit code on (`-e`), as cc-ci does. The terminal's colours and CRs are taken
 *   out of what we keep.
 * - Flags: `-n` (`--no-input`) so nothing waits for a person; `--chaos` so abra lints the
 *   checkout as it is — without it abra first insists on a clean tree and may fetch and move the
 *   checkout, as `app new` does (abra-backend.ts), and would lint another commit than the
 *   candidate; `--offline` so abra fetches nothing (cc-ci saw lint force-fetch tags from
 *   `origin` and stop with a FATA where `origin` needs credentials). `-n` and `--offline` are
 *   global flags of abra's command line, `--chaos` the command's own (abra 0.10, as we read its
 *   source; unconfirmed against the pinned release until the e2e workflow runs the lint tier).
 */
import { describeEnd, succeeded, type ProgramResult } from '../process/run-program.ts';
import { abraArgs, plainText, runAbraCommand } from './abra-commands.ts';
import type { BackendStep } from './backend.ts';

export { plainText };

/** abra's arguments for linting `recipe` (its checkout in the run's ABRA_DIR). */
export function abraLintArgs(recipe: string): string[] {
  return abraArgs.lint(recipe);
}

/** One row of abra's lint table. */
export interface LintRow {
  ref: string;
  rule: string;
  /** abra's level of the rule: `warn` or `error`. */
  severity: string;
  /** undefined when the rule was skipped (abra prints `-`). */
  satisfied: boolean | undefined;
  skipped: boolean;
  resolve: string;
}

/**
 * The rows of abra's lint table, whatever its border style (box drawing or `|`); a cell that
 * wraps onto the next line (an empty ref) is joined to its row.
 */
export function parseLintTable(output: string): LintRow[] {
  const rows: string[][] = [];
  for (const line of plainText(output).split('\n')) {
    if (!/[│┃|]/.test(line)) continue;
    const cells = line.split(/[│┃|]/).map((cell) => cell.trim());
    // The outer borders leave an empty cell at either end.
    if (cells[0] === '') cells.shift();
    if (cells.at(-1) === '') cells.pop();
    const first = cells[0] ?? '';
    if (/^R\d{3}$/.test(first)) {
      rows.push(cells);
      continue;
    }
    const last = rows.at(-1);
    if (first === '' && last !== undefined && cells.length === last.length) {
      cells.forEach((cell, i) => {
        if (cell !== '') last[i] = `${last[i] ?? ''} ${cell}`.trim();
      });
    }
  }
  return rows.map((cells) => {
    const [ref = '', rule = '', severity = '', satisfied = '', skipped = '', resolve = ''] = cells;
    return {
      ref,
      rule,
      severity: severity.toLowerCase(),
      satisfied: satisfied.includes('✅') ? true : satisfied.includes('❌') ? false : undefined,
      skipped: skipped.includes('✅'),
      resolve,
    };
  });
}

/** Whether an unsatisfied rule of this level fails the recipe (abra: `error`, its "critical"). */
function failsLint(row: LintRow): boolean {
  return row.satisfied === false && (row.severity === 'error' || row.severity === 'critical');
}

/** `R010 traefik routing enabled`, with abra's advice when `advice` is set. */
function named(rows: LintRow[], advice = false): string {
  return rows
    .map((r) => `${r.ref} ${r.rule}${advice && r.resolve !== '' ? ` (${r.resolve})` : ''}`)
    .join(', ');
}

/**
 * The verdict on one run of `abra recipe lint`: it fails when abra could not lint, when it
 * printed no table we can read, or when an error-level rule is not satisfied; unsatisfied
 * warn-level rules are named but pass.
 */
export function judgeAbraLint(command: string, result: ProgramResult, limit: string): BackendStep {
  const clean: ProgramResult = {
    ...result,
    output: plainText(result.output),
    stdout: plainText(result.stdout),
    stderr: plainText(result.stderr),
  };
  const step = (ok: boolean, how: string): BackendStep => ({
    ok,
    summary: `${command}: ${how}`,
    results: [clean],
  });
  if (!succeeded(result)) {
    const fatal = /FATA\S*\s+(.+)/.exec(clean.output)?.[1]?.trim();
    return step(false, `${describeEnd(result, limit)}${fatal ? ` (${fatal})` : ''}`);
  }
  const rows = parseLintTable(clean.output);
  if (rows.length === 0) {
    return step(false, `printed no rule table (${clean.lastLine || 'no output'})`);
  }
  const failing = rows.filter(failsLint);
  const warnings = rows.filter((r) => r.satisfied === false && !failsLint(r));
  const skipped = rows.filter((r) => r.skipped).length;
  const satisfied = rows.filter((r) => r.satisfied === true).length;
  const counts = `${String(rows.length)} rule${rows.length === 1 ? '' : 's'}, ${String(satisfied)} satisfied, ${String(skipped)} skipped`;
  const warned = warnings.length > 0 ? `; warnings: ${named(warnings)}` : '';
  if (failing.length > 0) {
    return step(false, `error rules not satisfied: ${named(failing, true)}${warned}; ${counts}`);
  }
  return step(true, `${counts}${warned}`);
}

export interface AbraLintOptions {
  recipe: string;
  abra: string | undefined;
  abraDir: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal: AbortSignal;
}

/** `abra recipe lint` on a pseudo-terminal (`script -qec`), judged from its table. */
export async function runAbraLint(options: AbraLintOptions): Promise<BackendStep> {
  const args = abraLintArgs(options.recipe);
  const { summary, result } = await runAbraCommand(args, {
    abra: options.abra,
    cwd: options.abraDir,
    env: options.env,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  if (result.spawnError !== undefined) return { ok: false, summary, results: [result] };
  const limit = `${String(Math.round(options.timeoutMs / 1000))}s`;
  return judgeAbraLint(`abra ${args.join(' ')}`, result, limit);
}
