/**
 * The `targets` input: what a recipe can be tested on. Each target is a name — matched exactly,
 * never as a substring — plus whatever properties its test job needs (provider, image, host…),
 * and whether it belongs to the default set that non-dispatch runs (pull requests) test.
 */
export interface Target {
  readonly name: string;
  /** The target's own properties, passed to its matrix entry as given (without `name`/`default`). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** `default: false` leaves the target out of non-dispatch runs; it runs only when chosen. */
  readonly isDefault: boolean;
}

/** Words with a meaning in `selected`, so no target may be called that. */
export const RESERVED_NAMES: readonly string[] = ['all'];
/**
 * The key the matrix entry names its target by. A property of that name would be overwritten,
 * so it is refused rather than silently replaced.
 */
export const MATRIX_NAME_KEY = 'target';

// Names travel through a comma/space separated `selected`, job names and artifact names: no
// separators, no quotes, nothing a shell or an artifact name would trip over.
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isTargetName(value: string): boolean {
  return NAME_PATTERN.test(value);
}

/**
 * Parse the already YAML-decoded `targets` input: a list whose items are names or mappings with a
 * `name`; a plain string is read as a comma/space separated list of names. `fail` throws the
 * ConfigurationError that names the input the way the user set it.
 */
export function parseTargets(value: unknown, fail: (problem: string) => never): Target[] {
  let items: unknown[];
  if (typeof value === 'string') items = value.split(/[\s,]+/).filter((name) => name !== '');
  else if (Array.isArray(value)) items = value;
  else {
    return fail(
      'must be a YAML list of target names or of mappings with a `name` (for example `- name: local`)',
    );
  }
  if (items.length === 0) fail('lists no target; give at least one');

  const seen = new Set<string>();
  return items.map((item, index) => {
    const where = `item ${String(index + 1)}`;
    const target = parseItem(item, where, fail);
    if (seen.has(target.name)) {
      fail(`names "${target.name}" twice (${where}); every target needs its own name`);
    }
    seen.add(target.name);
    return target;
  });
}

function parseItem(item: unknown, where: string, fail: (problem: string) => never): Target {
  if (typeof item === 'string') {
    return { name: checkName(item, where, fail), properties: {}, isDefault: true };
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return fail(
      `${where} must be a name or a mapping with a \`name\`; got ${describe(item)} (quote names that YAML reads as numbers or booleans)`,
    );
  }
  const { name, default: isDefault, ...properties } = item as Record<string, unknown>;
  if (typeof name !== 'string') {
    return fail(`${where} has no \`name\` (a string); got ${describe(name)}`);
  }
  const checked = checkName(name, where, fail);
  if (isDefault !== undefined && typeof isDefault !== 'boolean') {
    fail(
      `${where} ("${checked}") has \`default\` set to ${describe(isDefault)}; use true or false`,
    );
  }
  if (MATRIX_NAME_KEY in properties) {
    fail(
      `${where} ("${checked}") has a property \`${MATRIX_NAME_KEY}\`, which the matrix uses for the target's name; rename the property`,
    );
  }
  return { name: checked, properties, isDefault: isDefault !== false };
}

function checkName(name: string, where: string, fail: (problem: string) => never): string {
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) {
    fail(
      `${where} has the name "${name}"; names use letters, digits, ".", "_" and "-" only, starting with a letter or digit`,
    );
  }
  if (RESERVED_NAMES.includes(trimmed)) {
    fail(`${where} is called "${trimmed}", which \`selected\` uses for every target; rename it`);
  }
  return trimmed;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `${typeof value} ${JSON.stringify(value)}`;
}
