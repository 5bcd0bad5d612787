/**
 * Run the Keycloak stand-in (NOT Keycloak) for a local demo:
 *   node --import tsx test/support/keycloak-stand-in-main.ts --port 8080
 * then point the action at it:
 *   node dist/cli.js oidc-realm --keycloak-url http://127.0.0.1:8080 \
 *     --admin-client-id recipe-ci --admin-client-secret stand-in-admin-client-secret
 */
import { DEFAULT_PRINCIPALS, KeycloakStandIn } from './keycloak-stand-in/index.ts';

const portFlag = process.argv.indexOf('--port');
const port = portFlag === -1 ? 8080 : Number(process.argv[portFlag + 1]);
const standIn = await KeycloakStandIn.start({ port });
process.stdout.write(`Keycloak stand-in (not Keycloak) listening on ${standIn.url}\n`);
for (const p of DEFAULT_PRINCIPALS) {
  process.stdout.write(
    p.kind === 'client'
      ? `  admin client ${p.clientId} / ${p.secret} (${p.role})\n`
      : `  admin user ${p.username} / ${p.password} (${p.role})\n`,
  );
}
const stop = (): void => {
  void standIn.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
