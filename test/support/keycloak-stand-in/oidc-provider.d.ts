/**
 * The part of oidc-provider's API the Keycloak stand-in uses (the package ships no types).
 * See https://github.com/panva/node-oidc-provider/blob/main/docs/README.md.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown>;

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface GrantContext {
    oidc: {
      params: Record<string, unknown>;
      client: { clientId: string };
    };
    body: unknown;
  }

  interface AccessToken {
    save(): Promise<string>;
    readonly expiration: number;
  }

  interface IdToken {
    scope: string;
    issue(options: { use: 'idtoken' }): Promise<string>;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    registerGrantType(
      name: string,
      handler: (ctx: GrantContext, next: () => Promise<void>) => Promise<void>,
      params?: string[],
    ): void;
    readonly AccessToken: new (values: Record<string, unknown>) => AccessToken;
    readonly IdToken: new (
      claims: Record<string, unknown>,
      options: { ctx: GrantContext },
    ) => IdToken;
  }

  export const errors: {
    CustomOIDCProviderError: new (
      error: string,
      description: string,
    ) => Error & { statusCode: number };
  };
}
