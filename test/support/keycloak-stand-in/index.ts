/**
 * A Keycloak stand-in for tests and the local demo — NOT Keycloak. One HTTP server on loopback:
 * the admin REST API (admin.ts) and, per realm, the OIDC protocol endpoints served by
 * oidc-provider (protocol.ts). Tests reach in to plant foreign or old realms, inject faults
 * (Keycloak has produced 500s under concurrent create/delete) and count admin calls.
 */
import { createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin, type AdminResponse } from './admin.ts';
import { RealmProtocols, type IssuedToken } from './protocol.ts';
import {
  clientFrom,
  userFrom,
  type AdminPrincipal,
  type StoredClient,
  type StoredRealm,
} from './store.ts';

export interface StandInOptions {
  port?: number;
  principals?: AdminPrincipal[];
  /** Lifetime of master-realm tokens (Keycloak's default is 60 s). */
  adminTokenTtlSeconds?: number;
  /**
   * Admin calls a master token answers before it expires: a token running out in the middle of
   * a long job, in a test that takes milliseconds (Keycloak's tokens expire only with time).
   */
  adminTokenCalls?: number;
}

/** A fault: the next `times` requests matching method and path answer `status`. */
export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  times: number;
  body?: unknown;
}

/** Logins the stand-in knows unless told otherwise (test values, not secrets). */
export const DEFAULT_PRINCIPALS: AdminPrincipal[] = [
  {
    kind: 'client',
    clientId: 'recipe-ci',
    secret: 'stand-in-admin-client-secret',
    role: 'create-realm',
  },
  { kind: 'user', username: 'admin', password: 'stand-in-admin-password', role: 'admin' },
];

export class KeycloakStandIn {
  readonly realms = new Map<string, StoredRealm>();
  readonly tokens = new Map<string, IssuedToken>();
  readonly faults: Fault[] = [];
  /** Requests to `/admin/…`, by "METHOD /path" without the query. */
  readonly adminCalls: string[] = [];
  adminTokenTtlSeconds: number;
  adminTokenCalls: number | undefined;
  /** Admin calls answered per token, for adminTokenCalls. */
  private readonly tokenCalls = new Map<string, number>();
  private readonly server: Server;
  private readonly protocols: RealmProtocols;
  private readonly principals: AdminPrincipal[];
  private base = '';

  private constructor(options: StandInOptions) {
    this.principals = options.principals ?? DEFAULT_PRINCIPALS;
    this.adminTokenTtlSeconds = options.adminTokenTtlSeconds ?? 60;
    this.adminTokenCalls = options.adminTokenCalls;
    // PEM out of the generator, then a key object of our own for the JWK export: exporting the
    // generator's own key object as JWK can hang Node 20 (see src/provision/openssh-key.ts).
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { format: 'pem', type: 'pkcs8' },
      publicKeyEncoding: { format: 'pem', type: 'spki' },
    });
    const signingKey: JsonWebKey = {
      ...createPrivateKey(privateKey).export({ format: 'jwk' }),
      kid: 'stand-in-rs256',
      use: 'sig',
      alg: 'RS256',
    };
    this.protocols = new RealmProtocols({
      baseUrl: () => this.base,
      realms: this.realms,
      masterClients: () => this.masterClients(),
      checkMasterPassword: (username, password) =>
        this.principals.some(
          (p) => p.kind === 'user' && p.username === username && p.password === password,
        ),
      tokens: this.tokens,
      signingKey,
      tokenTtlSeconds: (realm) => (realm === 'master' ? this.adminTokenTtlSeconds : 300),
    });
    this.server = createServer((req, res) => {
      this.route(req, res).then(
        (handled) => {
          if (handled === undefined) return;
          res.statusCode = handled.status;
          if (handled.location) res.setHeader('location', handled.location);
          if (handled.body === undefined) return res.end();
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(handled.body));
        },
        (error: unknown) => {
          res.statusCode = 500;
          res.end(JSON.stringify({ error: 'unknown_error', detail: String(error) }));
        },
      );
    });
  }

  static async start(options: StandInOptions = {}): Promise<KeycloakStandIn> {
    const standIn = new KeycloakStandIn(options);
    await new Promise<void>((resolve) =>
      standIn.server.listen(options.port ?? 0, '127.0.0.1', resolve),
    );
    const { port } = standIn.server.address() as AddressInfo;
    standIn.base = `http://127.0.0.1:${String(port)}`;
    return standIn;
  }

  get url(): string {
    return this.base;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Plant a realm as if someone else (or an old run) had made it. */
  plantRealm(name: string, createdBy = 'user:someone-else'): void {
    this.realms.set(name, {
      id: name,
      realm: name,
      createdBy,
      createdAtMs: Date.now(),
      clients: new Map(),
      users: new Map(),
    });
  }

  plantClient(realm: string, clientId: string): void {
    const client = clientFrom({ clientId, secret: 'planted' });
    this.realms.get(realm)?.clients.set(client.id, client);
    const user = userFrom({ username: clientId });
    this.realms.get(realm)?.users.set(user.id, user);
  }

  /** One more admin call answered for this token; past adminTokenCalls it has expired. */
  private countTokenCall(bearer: string): void {
    if (this.adminTokenCalls === undefined) return;
    const calls = (this.tokenCalls.get(bearer) ?? 0) + 1;
    this.tokenCalls.set(bearer, calls);
    const token = this.tokens.get(bearer);
    if (token !== undefined && calls >= this.adminTokenCalls) token.expiresAtMs = 0;
  }

  private masterClients(): StoredClient[] {
    const adminCli = clientFrom({
      clientId: 'admin-cli',
      publicClient: true,
      directAccessGrantsEnabled: true,
    });
    return [
      adminCli,
      ...this.principals.flatMap((p) =>
        p.kind === 'client'
          ? [clientFrom({ clientId: p.clientId, secret: p.secret, serviceAccountsEnabled: true })]
          : [],
      ),
    ];
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<AdminResponse | undefined> {
    const url = new URL(req.url ?? '/', this.base);
    const method = req.method ?? 'GET';
    const fault = this.faults.find(
      (f) => f.method === method && f.path.test(url.pathname) && f.times > 0,
    );
    if (url.pathname.startsWith('/admin/')) this.adminCalls.push(`${method} ${url.pathname}`);
    if (fault) {
      fault.times--;
      await drain(req);
      return { status: fault.status, body: fault.body ?? { error: 'unknown_error' } };
    }
    const realmPath = /^\/realms\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (realmPath) {
      const realm = decodeURIComponent(realmPath[1] ?? '');
      if (realm !== 'master' && !this.realms.has(realm)) {
        await drain(req);
        return { status: 404, body: { error: 'Realm does not exist' } };
      }
      // Hand the untouched request to oidc-provider; it writes the response itself.
      this.protocols.handle(realm, req, res);
      return undefined;
    }
    if (url.pathname.startsWith('/admin/realms')) {
      const text = await drain(req);
      let body: unknown;
      try {
        body = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        return { status: 400, body: { error: 'unknown_error' } };
      }
      const auth = req.headers.authorization;
      const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
      const answer = handleAdmin(
        { method, path: url.pathname, query: url.searchParams, bearer, body },
        {
          baseUrl: () => this.base,
          realms: this.realms,
          tokens: this.tokens,
          principals: this.principals,
          onRealmDeleted: (realm) => this.protocols.forget(realm),
        },
      );
      if (bearer !== undefined && answer.status !== 401) this.countTokenCall(bearer);
      return answer;
    }
    await drain(req);
    return { status: 404, body: { error: 'HTTP 404 Not Found' } };
  }
}

async function drain(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += (chunk as Buffer).toString();
  return text;
}
