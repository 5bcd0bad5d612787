/**
 * Which names say "my value is a secret": where no runner masks for us (a command line, Drone,
 * Woodpecker), environment variables and env-file keys named like this (`*SECRET*`, `*PASSWORD*`,
 * `*TOKEN*`, `*KEY*`) are redacted from every log line and result file. A word must end a part of
 * the name — KEYCLOAK_REALM is no key — and `*_PATH`, `*_FILE`, `*_DIR`, `*_URL`, `*_URI`,
 * `*_ENDPOINT` and `*_ID` name where or which a secret is, not the secret, and stay readable
 * (OIDC_TOKEN_ENDPOINT is an address).
 */

/** A part of the name (between `_`, `-` or `.`) that ends in one of the words: APIKEY, not KEYCLOAK. */
const SECRET_PART = /(SECRET|PASSWORD|TOKEN|KEY)S?$/i;
const LOCATION_SUFFIX = /_(PATH|FILE|DIR|URL|URI|ENDPOINT|ID)$/i;

/**
 * Values this short are not masked by name alone: `KEY=1` or `TOKEN_TTL=300` would turn every
 * such digit in the log into ***. Secrets from a step (a realm's client secret) have no minimum.
 */
export const MIN_NAMED_SECRET_LENGTH = 6;

export function namesSecret(name: string): boolean {
  if (LOCATION_SUFFIX.test(name)) return false;
  return name.split(/[_.-]/).some((part) => SECRET_PART.test(part));
}

/** The values of `entries` whose names say they are secrets and are long enough to mask. */
export function namedSecretValues(entries: Iterable<[string, string | undefined]>): string[] {
  const values: string[] = [];
  for (const [name, value] of entries) {
    if (value === undefined || !namesSecret(name)) continue;
    if (value.trim().length >= MIN_NAMED_SECRET_LENGTH) values.push(value.trim());
  }
  return values;
}
