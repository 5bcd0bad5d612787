/**
 * Lower-case `[a-z0-9-]`: every other run of characters becomes one hyphen, none at either end,
 * at most `max` characters. What a hostname label, a cloud label and a Keycloak realm name all
 * accept, so every name a run makes is built from it. Empty when nothing is left.
 */
export function slug(text: string, max = Number.POSITIVE_INFINITY): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
