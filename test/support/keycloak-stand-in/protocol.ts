/**
 * The stand-in's OIDC protocol endpoints — discovery, JWKS, token — served by oidc-provider (an
 * OpenID Certified implementation), one Provider per realm at Keycloak's paths
 * (`/realms/<r>/.well-known/openid-configuration`, `/realms/<r>/protocol/openid-connect/…`).
 * Clients are read live from the realm store, so a client added or deleted through the admin
 * API is seen at once. oidc-provider does not offer the password grant (OAuth 2.1 drops it);
 * Keycloak does, so it is registered here as an extension grant with Keycloak's error bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonWebKey } from 'node:crypto';
import Provider, { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { StoredClient, StoredRealm } from './store.ts';

/** Tokens issued by any realm's provider, by id (opaque access tokens are their id). */
export interface IssuedToken {
  realm: string;
  clientId: string;
  accountId: string | undefined;
  expiresAtMs: number;
  issuedAtMs: number;
}

export interface ProtocolOptions {
  baseUrl: () => string;
  realms: Map<string, StoredRealm>;
  /** The master realm's clients and users come from the admin principals. */
  masterClients: () => StoredClient[];
  checkMasterPassword: (username: string, password: string) => boolean;
  tokens: Map<string, IssuedToken>;
  signingKey: JsonWebKey;
  tokenTtlSeconds: (realm: string) => number;
}

export class RealmProtocols {
  private readonly providers = new Map<
    string,
    (req: IncomingMessage, res: ServerResponse) => void
  >();

  constructor(private readonly options: ProtocolOptions) {}

  /** Drop a deleted realm's provider. */
  forget(realm: string): void {
    this.providers.delete(realm);
  }

  handle(realm: string, req: IncomingMessage, res: ServerResponse): void {
    let callback = this.providers.get(realm);
    if (callback === undefined) {
      callback = this.create(realm).callback();
      this.providers.set(realm, callback);
    }
    const prefix = `/realms/${encodeURIComponent(realm)}`;
    const url = req.url ?? '/';
    // oidc-provider works out its mount path from originalUrl minus url (as under Express).
    (req as IncomingMessage & { originalUrl: string }).originalUrl = url;
    req.url = url.slice(prefix.length) || '/';
    callback(req, res);
  }

  private clientsOf(realm: string): StoredClient[] {
    if (realm === 'master') return this.options.masterClients();
    return [...(this.options.realms.get(realm)?.clients.values() ?? [])];
  }

  private create(realm: string): Provider {
    const options = this.options;
    const clientsOf = (name: string): StoredClient[] => this.clientsOf(name);
    class StoreAdapter implements Adapter {
      private readonly items = new Map<string, AdapterPayload>();
      constructor(private readonly model: string) {}
      upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
        this.items.set(id, payload);
        if (this.model === 'AccessToken' || this.model === 'ClientCredentials') {
          const now = Date.now();
          options.tokens.set(id, {
            realm,
            clientId: String(payload.clientId),
            accountId: typeof payload.accountId === 'string' ? payload.accountId : undefined,
            issuedAtMs: now,
            expiresAtMs: now + expiresIn * 1000,
          });
        }
        return Promise.resolve();
      }
      find(id: string): Promise<AdapterPayload | undefined> {
        if (this.model !== 'Client') return Promise.resolve(this.items.get(id));
        const client = clientsOf(realm).find((c) => c.clientId === id);
        return Promise.resolve(client && clientMetadata(client));
      }
      findByUserCode(): Promise<undefined> {
        return Promise.resolve(undefined);
      }
      findByUid(): Promise<undefined> {
        return Promise.resolve(undefined);
      }
      consume(): Promise<void> {
        return Promise.resolve();
      }
      destroy(id: string): Promise<void> {
        this.items.delete(id);
        return Promise.resolve();
      }
      revokeByGrantId(): Promise<void> {
        return Promise.resolve();
      }
    }
    const ttl = (): number => options.tokenTtlSeconds(realm);
    const provider = new Provider(`${options.baseUrl()}/realms/${encodeURIComponent(realm)}`, {
      adapter: StoreAdapter,
      jwks: { keys: [options.signingKey] },
      routes: {
        authorization: '/protocol/openid-connect/auth',
        token: '/protocol/openid-connect/token',
        jwks: '/protocol/openid-connect/certs',
        userinfo: '/protocol/openid-connect/userinfo',
        end_session: '/protocol/openid-connect/logout',
      },
      features: { devInteractions: { enabled: false }, clientCredentials: { enabled: true } },
      ttl: { AccessToken: ttl, ClientCredentials: ttl, IdToken: ttl, Grant: ttl, Session: ttl },
      clientAuthMethods: ['client_secret_post', 'client_secret_basic', 'none'],
    });
    provider.registerGrantType(
      'password',
      async (ctx) => {
        const username = param(ctx.oidc.params.username).toLowerCase();
        const password = param(ctx.oidc.params.password);
        const accountId = this.checkPassword(realm, username, password);
        const token = new provider.AccessToken({
          accountId,
          client: ctx.oidc.client,
          grantId: `password-${accountId}`,
          scope: 'openid',
        });
        const accessToken = await token.save();
        const body: Record<string, unknown> = {
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: token.expiration,
        };
        if (param(ctx.oidc.params.scope).split(' ').includes('openid')) {
          const idToken = new provider.IdToken({ sub: accountId }, { ctx });
          idToken.scope = 'openid';
          body.id_token = await idToken.issue({ use: 'idtoken' });
        }
        ctx.body = body;
      },
      ['username', 'password', 'scope'],
    );
    return provider;
  }

  /** Keycloak's answers: 401 "Invalid user credentials"; 400 "Account is not fully set up". */
  private checkPassword(realm: string, username: string, password: string): string {
    const invalid = (): Error => {
      const error = new errors.CustomOIDCProviderError('invalid_grant', 'Invalid user credentials');
      error.statusCode = 401;
      return error;
    };
    if (realm === 'master') {
      if (!this.options.checkMasterPassword(username, password)) throw invalid();
      return username;
    }
    const user = [...(this.options.realms.get(realm)?.users.values() ?? [])].find(
      (u) => u.username === username,
    );
    if (user?.password === undefined || user.password !== password || !user.enabled) {
      throw invalid();
    }
    if (!user.email || !user.firstName || !user.lastName) {
      throw new errors.CustomOIDCProviderError('invalid_grant', 'Account is not fully set up');
    }
    return user.id;
  }
}

function clientMetadata(client: StoredClient): AdapterPayload {
  const grants = [
    ...(client.serviceAccountsEnabled ? ['client_credentials'] : []),
    ...(client.directAccessGrantsEnabled ? ['password'] : []),
  ];
  return {
    client_id: client.clientId,
    ...(client.publicClient
      ? { token_endpoint_auth_method: 'none' }
      : { client_secret: client.secret, token_endpoint_auth_method: 'client_secret_post' }),
    grant_types: grants.length > 0 ? grants : ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  };
}

function param(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
