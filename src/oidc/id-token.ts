/**
 * Check an ID token the new realm signed: its signature against the realm's published JWKS, its
 * issuer and its audience. This proves more than "the token endpoint said 200": the keys an app
 * will fetch really verify what the realm issues.
 */
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

const HASH: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

/** Why the token does not check out, or undefined when it does. */
export function idTokenProblem(
  token: string,
  jwks: unknown,
  issuer: string,
  clientId: string,
): string | undefined {
  const [head, body, signature] = token.split('.');
  if (head === undefined || body === undefined || signature === undefined) {
    return 'the id_token is not a JWT';
  }
  const header = decode(head) as { alg?: string; kid?: string };
  const claims = decode(body) as { iss?: string; aud?: string | string[] };
  const hash = HASH[header.alg ?? ''];
  if (hash === undefined) return `the id_token uses ${String(header.alg)}, not RS256/384/512`;
  const keys = ((jwks as { keys?: (JsonWebKey & { kid?: string })[] } | undefined)?.keys ?? [])
    .filter((k) => k.kty === 'RSA')
    .filter((k) => header.kid === undefined || k.kid === header.kid);
  const jwk = keys[0];
  if (jwk === undefined) return `no RSA key with kid "${String(header.kid)}" in the realm's JWKS`;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const valid = verify(
    hash,
    Buffer.from(`${head}.${body}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) return "the id_token's signature does not verify with the realm's JWKS";
  if (claims.iss !== issuer)
    return `the id_token's issuer is "${String(claims.iss)}", not "${issuer}"`;
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(clientId)) return `the id_token is not for client "${clientId}"`;
  return undefined;
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch {
    return {};
  }
}
