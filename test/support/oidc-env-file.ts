/** An env file as oidc-realm writes it, with sign-in settings of a made-up realm. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.ts';

export const OIDC_ISSUER = 'https://sso.example.test/realms/ci-notes-1';

export function oidcEnvFile(): string {
  const file = join(tempDir('recipe-ci-oidc-'), 'oidc.env');
  writeFileSync(
    file,
    `OIDC_ISSUER=${OIDC_ISSUER}\nOIDC_CLIENT_ID=notes\nOIDC_CLIENT_SECRET=not-a-real-secret\n`,
  );
  return file;
}
