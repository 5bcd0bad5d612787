/**
 * The `results.json` of every target of a run, as recipe-suite wrote them (schema in
 * src/suite/results.ts) and as a report job finds them after downloading the artifacts: one
 * folder per target. A file of another version, or one that does not parse, is kept as a
 * problem with its path, so the card can say which target's verdict is missing instead of
 * passing without it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { getErrorMessage } from '../shared/errors.ts';
import type { RunSummary } from '../suite/results.ts';

export const RESULTS_VERSION = 1;
const RESULTS_FILE = 'results.json';
/** Artifacts are one level below the download folder; nested runs one more. Deeper is not ours. */
const MAX_DEPTH = 3;

/** What the card needs of a target's run, beyond RunSummary's fields. */
export interface TargetResults extends RunSummary {
  /** The target's name: results.json's `target`, else its folder's name. */
  target: string;
  /** The folder results.json is in (screenshots and JUnit sit beside it). */
  dir: string;
  job?: { name?: string; url?: string };
  screenshot?: { file?: string; url: string; error?: string };
}

export interface ResultsProblem {
  path: string;
  problem: string;
}

export interface LoadedResults {
  targets: TargetResults[];
  problems: ResultsProblem[];
}

/** Each path is a results.json or a folder searched for them; a missing path is a problem. */
export function loadResults(paths: string[], recipe?: string): LoadedResults {
  const loaded: LoadedResults = { targets: [], problems: [] };
  for (const path of paths) {
    const files = findResultFiles(path, loaded.problems);
    for (const file of files) {
      const one = readResultsFile(file, recipe);
      if ('problem' in one) loaded.problems.push(one);
      else loaded.targets.push(one);
    }
  }
  loaded.targets.sort((a, b) => a.target.localeCompare(b.target));
  return loaded;
}

function findResultFiles(path: string, problems: ResultsProblem[]): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    // A folder we may not read is not the same as no results: say which it is.
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({
      path,
      problem: code === 'ENOENT' ? 'does not exist' : `cannot be read (${getErrorMessage(error)})`,
    });
    return [];
  }
  if (!stat.isDirectory()) return [path];
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isFile() && entry.name === RESULTS_FILE) found.push(full);
      else if (entry.isDirectory() && depth < MAX_DEPTH) walk(full, depth + 1);
    }
  };
  walk(path, 0);
  if (found.length === 0) problems.push({ path, problem: `holds no ${RESULTS_FILE}` });
  return found.sort();
}

export function readResultsFile(path: string, recipe?: string): TargetResults | ResultsProblem {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { path, problem: `does not parse: ${(error as Error).message}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { path, problem: 'is not a results object' };
  }
  const record = data as Record<string, unknown>;
  if (record.version !== RESULTS_VERSION) {
    return {
      path,
      problem: `is results version ${JSON.stringify(record.version ?? null)}; this report reads version ${String(RESULTS_VERSION)} (use the same recipe-ci version for the tests and the report)`,
    };
  }
  if (typeof record.recipe !== 'string' || !Array.isArray(record.tiers)) {
    return { path, problem: 'has no recipe or no tiers' };
  }
  if (recipe !== undefined && record.recipe !== recipe) {
    return { path, problem: `is for the recipe ${record.recipe}, not ${recipe}` };
  }
  const dir = dirname(path);
  const target =
    typeof record.target === 'string' && record.target !== ''
      ? record.target
      : targetFromFolder(dir, record.recipe);
  return { ...(record as unknown as RunSummary), target, dir, ...optional(record) };
}

/** The optional parts, kept only with the types the card relies on (a file may be hand-made). */
function optional(record: Record<string, unknown>): Partial<TargetResults> {
  const out: Partial<TargetResults> = {};
  const job = fields(record.job);
  if (job !== undefined) out.job = { name: job.name, url: job.url };
  const shot = fields(record.screenshot);
  if (shot?.url !== undefined) {
    out.screenshot = { url: shot.url, file: shot.file, error: shot.error };
  }
  return out;
}

/** An object's string-valued fields; undefined for anything else. */
function fields(value: unknown): Record<string, string | undefined> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string | undefined> = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string') out[key] = field;
  }
  return out;
}

/**
 * The reusable workflow names each target's artifact `recipe-ci-<recipe>-<target>`, and a
 * download puts it in a folder of that name; `recipe-ci run` uses `<results-dir>/<target>`.
 */
function targetFromFolder(dir: string, recipe: string): string {
  const name = basename(dir) || relative(process.cwd(), dir) || 'default';
  const prefix = `recipe-ci-${recipe}-`;
  return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : name;
}
