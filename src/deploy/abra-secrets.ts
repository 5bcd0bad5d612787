/**
 * What `abra app secret generate <domain> -a -m` answers, and how none of it reaches a log, a
 * report or a file. abra prints the values it generated (a NAME | VALUE table, or the same rows
 * as JSON with `-m`); the app needs them only inside the swarm, so we:
 *
 * - read the values out of the answer and hand each to `onSecret` (the step's secret registry:
 *   masked on a runner, redacted from our own log lines, results.json and JUnit), in case the
 *   app itself prints one later (`abra app logs` in the diagnostics, a custom test), and
 * - replace the answer we keep with the secrets' names only. abra's own log lines on stderr
 *   (`WARN …`, `FATA …`) are kept, with every value found taken out, so a failure still says
 *   why; anything else there (a table) is dropped with stdout.
 *
 * The JSON's shape (an array of `{ "name": …, "value": … }` rows, keys from the table's headers)
 * is read from the operators' use of `-m`, not from abra 0.13's source, so the parser also takes
 * an object of name → value; an answer it cannot read is withheld all the same.
 */
import type { ProgramResult } from '../process/run-program.ts';

export interface GeneratedSecret {
  name: string;
  value: string;
}

/** The secrets in abra's machine-readable answer; [] when it holds none we can read. */
export function parseGeneratedSecrets(stdout: string): GeneratedSecret[] {
  for (const candidate of jsonCandidates(stdout)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      continue;
    }
    const found = secretsIn(parsed);
    if (found.length > 0) return found;
  }
  return [];
}

/** The whole answer, then each line that could be JSON on its own. */
function jsonCandidates(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('[') || line.startsWith('{'));
  return [text.trim(), ...lines];
}

function secretsIn(value: unknown): GeneratedSecret[] {
  if (Array.isArray(value)) {
    return value.flatMap((row): GeneratedSecret[] => {
      if (typeof row !== 'object' || row === null) return [];
      const entries = Object.entries(row as Record<string, unknown>);
      const get = (key: string) =>
        entries.find(([k, v]) => k.toLowerCase() === key && typeof v === 'string')?.[1] as
          string | undefined;
      const secret = get('value');
      return secret === undefined ? [] : [{ name: get('name') ?? '', value: secret }];
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value as Record<string, unknown>).flatMap(([name, secret]) =>
      typeof secret === 'string' ? [{ name, value: secret }] : [],
    );
  }
  return [];
}

/**
 * `result` as it may be kept: stdout replaced by the names of the secrets generated, stderr
 * without any value found; `onSecret` has been given every value first.
 */
export function withholdSecrets(
  result: ProgramResult,
  onSecret: (value: string) => void,
): { result: ProgramResult; secrets: GeneratedSecret[] } {
  const secrets = parseGeneratedSecrets(result.stdout);
  for (const secret of secrets) onSecret(secret.value);
  const names = secrets.map((s) => s.name).filter((n) => n !== '');
  const said =
    result.stdout.trim() === ''
      ? ''
      : secrets.length > 0
        ? `(abra's answer withheld: ${String(secrets.length)} secret value${secrets.length === 1 ? '' : 's'} generated${names.length > 0 ? ` for ${names.join(', ')}` : ''})`
        : "(abra's answer withheld: it may hold generated secret values)";
  let stderr = result.stderr
    .split('\n')
    .filter((line) => /^\s*(FATA|ERRO|WARN|INFO|DEBU)\b/.test(line))
    .join('\n');
  for (const secret of [...secrets].sort((a, b) => b.value.length - a.value.length)) {
    if (secret.value !== '') stderr = stderr.split(secret.value).join('***');
  }
  const output = [stderr.trimEnd(), said].filter((part) => part !== '').join('\n');
  return {
    result: { ...result, stdout: said, stderr, output, lastLine: said },
    secrets,
  };
}
