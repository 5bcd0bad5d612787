/**
 * The settings as `KEY=value` lines an app's `.env` understands, written before the first
 * deploy. An existing file keeps its other lines; a key we write replaces its old line rather
 * than repeating it (which loader wins a repeated key differs). Mode 0600: it holds secrets.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export function writeEnvFile(path: string, entries: [string, string][]): void {
  const keys = new Set(entries.map(([key]) => key));
  const kept = existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !keys.has(line.split('=')[0]?.trim() ?? ''))
    : [];
  for (const [key, value] of entries) {
    if (/[\r\n]/.test(value)) throw new Error(`the value of ${key} has a line break`);
  }
  const lines = [...kept, ...entries.map(([key, value]) => `${key}=${value}`)];
  writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
