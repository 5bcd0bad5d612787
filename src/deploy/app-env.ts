/**
 * Settings merged into an abra app's `.env` file (`$ABRA_DIR/servers/<server>/<domain>.env`)
 * between `abra app new` and the first deploy. abra threads that file's values into the
 * recipe's compose at deploy time (docs.coopcloud.tech, operators handbook: "There is no
 * `export ...=...` required since abra will take care to thread the values into the recipe
 * configuration at deploy time"), so OIDC settings written here are live from the first deploy
 * on — never a second deploy to add them.
 *
 * A key already set is replaced in place; a key the recipe's `.env.sample` only mentions as a
 * comment (`#KEY=...`, an optional setting) is switched on where it stands; anything else is
 * appended under a marker line, so a person reading the file sees what the run added.
 */

const MARKER = '# added by recipe-ci for this run';

/** `text` (an app .env) with `values` set; keys in order of `values`. */
export function mergeAppEnv(text: string, values: Readonly<Record<string, string>>): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const appended: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new Error(`"${key}" cannot be an env variable name`);
    }
    const line = `${key}=${quoteEnvValue(value)}`;
    const active = lines.findIndex((l) => new RegExp(`^\\s*(export\\s+)?${key}\\s*=`).test(l));
    if (active !== -1) {
      lines[active] = line;
      continue;
    }
    const commented = lines.findIndex((l) => new RegExp(`^\\s*#\\s*${key}\\s*=`).test(l));
    if (commented !== -1) lines[commented] = line;
    else appended.push(line);
  }
  if (appended.length > 0) lines.push('', MARKER, ...appended);
  return `${lines.join('\n')}\n`;
}

/** Plain when safe; otherwise in single quotes (or double, when the value has a single quote). */
function quoteEnvValue(value: string): string {
  if (/[\n\r]/.test(value)) throw new Error('an app env value cannot span lines');
  if (/^[\w@%+=:,./-]*$/.test(value)) return value;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
}

/** The recipe line of an app env: which key holds it, the recipe, and the version if any. */
export interface AppEnvRecipe {
  key: 'RECIPE' | 'TYPE';
  recipe: string;
  /** undefined when the app was created but never deployed at a version. */
  version: string | undefined;
}

/**
 * abra records the app's recipe, and since its "new version handling" the deployed version, as
 * `<recipe>[:<version>]` in the `RECIPE=` or the `TYPE=` line of the app env — whichever the
 * recipe's `.env.sample` has ("You can see this in the `TYPE=/RECIPE=` line of the `.env`",
 * docs.coopcloud.tech operators handbook, commit 2813257e, 2025-01-02). `RECIPE` wins when both
 * are set; undefined when neither is.
 */
export function appEnvRecipe(env: Readonly<Record<string, string>>): AppEnvRecipe | undefined {
  for (const key of ['RECIPE', 'TYPE'] as const) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    const colon = value.indexOf(':');
    const version = colon === -1 ? '' : value.slice(colon + 1);
    return {
      key,
      recipe: colon === -1 ? value : value.slice(0, colon),
      version: version === '' ? undefined : version,
    };
  }
  return undefined;
}
