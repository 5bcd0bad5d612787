/**
 * A stand-in for a forge's job OIDC token service (GitHub's, Forgejo's) — NOT a forge: neither
 * can run here. It issues what a runner hands a job that asked for `id-token: write`: an RS256
 * JWT with the forge's claims (`iss` this server, `sub` the repository and ref, `aud` as asked,
 * a fresh `jti` each time), from the runner's request API (`GET <ACTIONS_ID_TOKEN_REQUEST_URL>
 * &audience=…` with the request token as bearer → `{"value": jwt}`), and publishes its keys at
 * `/.well-known/jwks` so a real Keycloak can verify the tokens as client assertions.
 */
import { createSign, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JobTokenStandIn {
  /** The issuer (`iss`) of every token. */
  issuer: string;
  jwksUrl: string;
  /** The `sub` claim of the next tokens, as GitHub forms it (repository and ref); settable. */
  subject: string;
  /** What a runner sets for a job: ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN. */
  env: Record<string, string>;
  /** Tokens handed out so far. */
  issued: number;
  stop(): Promise<void>;
}

const KID = 'job-token-key-1';
const LIFETIME_S = 300;

export async function startJobTokenStandIn(
  subject = 'repo:coop-cloud/notes:ref:refs/heads/main',
): Promise<JobTokenStandIn> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' };
  const requestToken = randomBytes(16).toString('hex');
  let issuer = '';
  const state = { issued: 0, subject };

  const sign = (claims: Record<string, unknown>): string => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'RS256', typ: 'JWT', kid: KID })}.${part(claims)}`;
    const signature = createSign('RSA-SHA256').update(input).sign(privateKey, 'base64url');
    return `${input}.${signature}`;
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/jwks') {
      reply(200, { keys: [jwk] });
      return;
    }
    if (url.pathname === '/.well-known/openid-configuration') {
      reply(200, { issuer, jwks_uri: `${issuer}/.well-known/jwks` });
      return;
    }
    if (url.pathname === '/token') {
      if (req.headers.authorization !== `Bearer ${requestToken}`) {
        reply(401, {});
        return;
      }
      const audience = url.searchParams.get('audience');
      if (audience === null) {
        reply(400, { message: 'audience is required here' });
        return;
      }
      const now = Math.floor(Date.now() / 1000);
      state.issued++;
      reply(200, {
        value: sign({
          iss: issuer,
          sub: state.subject,
          aud: audience,
          iat: now,
          nbf: now,
          exp: now + LIFETIME_S,
          jti: randomUUID(),
          repository: state.subject.split(':')[1],
        }),
      });
      return;
    }
    reply(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks`,
    get subject() {
      return state.subject;
    },
    set subject(value: string) {
      state.subject = value;
    },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${issuer}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    },
    get issued() {
      return state.issued;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
