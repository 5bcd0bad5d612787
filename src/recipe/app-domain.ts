/**
 * An app's domain for one run: `<first 4 letters of the recipe>-<6 hex>.<base-domain>`, short
 * and unique. It is decided once, before oidc-realm, because the OIDC client must name it in its
 * redirect URIs; the targets action puts it in each matrix entry, and recipe-suite makes one only
 * when it is given neither a domain nor a matrix entry's.
 */
import { randomBytes } from 'node:crypto';

/** The first four letters of the recipe's name, as its app domains start (the janitor looks). */
export function domainStem(recipe: string): string {
  return (
    recipe
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 4) || 'app'
  );
}

export function generateAppDomain(recipe: string, baseDomain: string): string {
  return `${domainStem(recipe)}-${randomBytes(3).toString('hex')}.${baseDomain.toLowerCase()}`;
}

/** Whether a value can be a domain name (letters, digits, dots and hyphens). */
export function isDomainName(value: string): boolean {
  return /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(value);
}
