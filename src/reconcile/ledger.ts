/**
 * What the reconciler remembers about one long-lived app between runs: the last version that
 * passed its health gate (where a rollback goes) and the settings the app was first deployed
 * with (its port). Kept in a small JSON file next to the app's own state — the app folder of the
 * command backend, the operator's ABRA_DIR for abra — because that is the one place that lives
 * exactly as long as the app: a runner that cannot see it cannot operate the app either.
 * It also remembers a release that failed its health gate and was rolled back, so later runs
 * leave the app alone instead of trying the same release again every night.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A release that failed its health gate here; not tried again until asked or superseded. */
export interface Rejection {
  version: string;
  /** When it was rolled back (ISO 8601). */
  at: string;
  /** Why, in one line: what the health gate said. */
  reason: string;
}

export interface Ledger {
  /** The format of this file; readers refuse versions they do not know. */
  version: 1;
  recipe: string;
  domain: string;
  /** The last version that passed the health gate, or undefined before the first one. */
  lastGood: string | undefined;
  /** The loopback port of a command-backend app, fixed at its first deploy. */
  port: number | undefined;
  /** The newest release that failed its gate and was rolled back, if any. */
  rejected: Rejection | undefined;
  /** When this file was last written (ISO 8601), for people reading it. */
  updated: string | undefined;
}

export class LedgerError extends Error {}

export interface LedgerStore {
  readonly path: string;
  read(): Promise<Ledger>;
  /** Write only what changed; an unchanged ledger is not rewritten (no churn on a no-op). */
  update(change: Partial<Pick<Ledger, 'lastGood' | 'port' | 'rejected'>>): Promise<Ledger>;
}

export function fileLedger(path: string, app: { recipe: string; domain: string }): LedgerStore {
  let current: Ledger | undefined;
  const read = async (): Promise<Ledger> => {
    if (current) return current;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      current = {
        version: 1,
        ...app,
        lastGood: undefined,
        port: undefined,
        rejected: undefined,
        updated: undefined,
      };
      return current;
    }
    current = parseLedger(text, path, app);
    return current;
  };
  return {
    path,
    read,
    async update(change) {
      const before = await read();
      const after: Ledger = { ...before, ...change };
      if (
        after.lastGood === before.lastGood &&
        after.port === before.port &&
        JSON.stringify(after.rejected) === JSON.stringify(before.rejected)
      ) {
        return before;
      }
      after.updated = new Date().toISOString();
      await mkdir(dirname(path), { recursive: true });
      // Write then rename: a run killed mid-write leaves the old file, never half a file.
      const temporary = `${path}.${String(process.pid)}.tmp`;
      await writeFile(temporary, `${JSON.stringify(after, null, 2)}\n`);
      await rename(temporary, path);
      current = after;
      return after;
    },
  };
}

function parseLedger(text: string, path: string, app: { recipe: string; domain: string }): Ledger {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LedgerError(`${path} is not JSON; fix or remove it (it only holds last-good)`);
  }
  const fields = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (fields.version !== 1) {
    throw new LedgerError(`${path} has format ${String(fields.version)}, this version reads 1`);
  }
  if (fields.recipe !== app.recipe || fields.domain !== app.domain) {
    throw new LedgerError(
      `${path} belongs to ${String(fields.recipe)} at ${String(fields.domain)}, not ${app.recipe} at ${app.domain}; check the recipe and domain inputs`,
    );
  }
  return {
    version: 1,
    recipe: app.recipe,
    domain: app.domain,
    lastGood: typeof fields.lastGood === 'string' ? fields.lastGood : undefined,
    port: typeof fields.port === 'number' ? fields.port : undefined,
    rejected: parseRejection(fields.rejected),
    updated: typeof fields.updated === 'string' ? fields.updated : undefined,
  };
}

/** A rejection written by this code; anything else (hand-edited, half there) is no rejection. */
function parseRejection(value: unknown): Rejection | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, at, reason } = value as Record<string, unknown>;
  if (typeof version !== 'string' || version === '') return undefined;
  return {
    version,
    at: typeof at === 'string' ? at : '',
    reason: typeof reason === 'string' ? reason : '',
  };
}
