import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { test } from 'node:test';
import { idTokenProblem } from '../../src/oidc/id-token.ts';

// PEM out of the generator and key objects of our own: exporting the generator's own key object
// as JWK can hang Node 20 (see src/provision/openssh-key.ts).
const pair = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { format: 'pem', type: 'pkcs8' },
  publicKeyEncoding: { format: 'pem', type: 'spki' },
});
const privateKey = createPrivateKey(pair.privateKey);
const publicKey = createPublicKey(pair.publicKey);
const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] };
const ISS = 'https://sso/realms/r';

function jwt(claims: object, kid = 'k1'): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${part({ alg: 'RS256', kid })}.${part(claims)}`;
  return `${data}.${sign('sha256', Buffer.from(data), privateKey).toString('base64url')}`;
}

test('an id_token checks out only with a good signature, issuer and audience', () => {
  assert.equal(idTokenProblem(jwt({ iss: ISS, aud: 'app' }), jwks, ISS, 'app'), undefined);
  assert.equal(idTokenProblem(jwt({ iss: ISS, aud: ['x', 'app'] }), jwks, ISS, 'app'), undefined);
  assert.match(
    idTokenProblem(jwt({ iss: 'https://evil', aud: 'app' }), jwks, ISS, 'app') ?? '',
    /issuer is "https:\/\/evil"/,
  );
  assert.match(
    idTokenProblem(jwt({ iss: ISS, aud: 'other' }), jwks, ISS, 'app') ?? '',
    /not for client "app"/,
  );
  assert.match(
    idTokenProblem(jwt({ iss: ISS, aud: 'app' }, 'k2'), jwks, ISS, 'app') ?? '',
    /no RSA key with kid "k2"/,
  );
  const [head, , sig] = jwt({ iss: ISS, aud: 'app' }).split('.');
  const forged = `${head ?? ''}.${Buffer.from(JSON.stringify({ iss: ISS, aud: 'app', sub: 'x' })).toString('base64url')}.${sig ?? ''}`;
  assert.match(idTokenProblem(forged, jwks, ISS, 'app') ?? '', /signature does not verify/);
  assert.match(idTokenProblem('nope', jwks, ISS, 'app') ?? '', /not a JWT/);
});
