/**
 * cloud-init user-data: a template with placeholders for the run, rendered and checked as a
 * `#cloud-config` YAML mapping before any API call — a typo here would otherwise surface as a
 * machine that boots, ignores its config and times out in readiness ten minutes later.
 *
 * Placeholders are `{{ public-key }}`, `{{ name }}` and `{{ labels }}`. Each is replaced by its
 * JSON form (a quoted YAML scalar, a flow mapping), so a value can never break the YAML around it.
 * `${{ … }}` is not used because the runner evaluates that itself.
 */
import { parseDocument } from 'yaml';

export interface UserDataValues {
  'public-key': string;
  name: string;
  labels: Record<string, string>;
}

/** Hetzner accepts at most 32 KiB of user-data. */
export const MAX_USER_DATA_BYTES = 32 * 1024;

const PLACEHOLDER = /\{\{\s*([a-z-]+)\s*\}\}/g;

/** Used when the user gives no template: the run's key for the image's default user. */
export const DEFAULT_USER_DATA = '#cloud-config\nssh_authorized_keys:\n  - {{ public-key }}\n';

/** The rendered text, or the problem as a sentence (the caller names the input). */
export function renderUserData(
  template: string,
  values: UserDataValues,
): string | { problem: string } {
  let unknown: string | undefined;
  const text = template.replace(PLACEHOLDER, (whole, key: string) => {
    if (!(key in values)) {
      unknown ??= whole;
      return whole;
    }
    return JSON.stringify(values[key as keyof UserDataValues]);
  });
  if (unknown !== undefined) {
    return {
      problem: `uses the unknown placeholder ${unknown}; the placeholders are {{ public-key }}, {{ name }} and {{ labels }}`,
    };
  }
  if (!/^#cloud-config[ \t]*\r?\n/.test(`${text}\n`)) {
    return {
      problem:
        'does not start with the line "#cloud-config"; cloud-init ignores user-data without it',
    };
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const where = error.linePos ? ` at line ${String(error.linePos[0].line)}` : '';
    return { problem: `is not valid YAML${where}: ${error.message.split('\n')[0] ?? ''}` };
  }
  const content: unknown = document.toJS();
  if (content !== null && (typeof content !== 'object' || Array.isArray(content))) {
    return { problem: 'is not a YAML mapping of cloud-config keys' };
  }
  if (Buffer.byteLength(text) > MAX_USER_DATA_BYTES) {
    return { problem: `is ${String(Buffer.byteLength(text))} bytes; the limit is 32 KiB` };
  }
  return text;
}

/** Sample values for checking a template before the run's key and name exist. */
export const SAMPLE_VALUES: UserDataValues = {
  'public-key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA recipe-ci',
  name: 'recipe-ci-sample-1-1',
  labels: { 'recipe-ci': 'recipe-ci' },
};
