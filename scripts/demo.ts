/**
 * `npm run demo`: the whole recipe-ci chain on this machine, as a workflow's main job runs it.
 * See scripts/demo/chain.ts. It runs from source (tsx) because the peers it starts — the guest
 * lab, the lab's Keycloak (or its stand-in), the example recipe's git repo — are the test infrastructure in
 * test/, which is deliberately not bundled; the chain itself runs the committed dist/cli.js, the
 * same bundle a user runs: `recipe-ci run`, one call, with the secrets in its environment.
 *
 *   npm run demo [-- --target guest-lab|loopback] [--fail] [--keycloak-url URL]
 *
 * --keycloak-url uses that Keycloak instead of starting one; its admin client is
 * --keycloak-client-id (default recipe-ci) and the KEYCLOAK_CLIENT_SECRET variable.
 * Exit codes: 0 passed and nothing left behind, 1 a step failed or something was left behind,
 * 2 bad arguments, 130 cancelled (Ctrl-C; cleanup still runs).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runDemo, type KeycloakLogin } from './demo/chain.ts';
import { defaultTargetKind, type TargetKind } from './demo/target.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function readOptions():
  { target: TargetKind; failingCheck: boolean; keycloak: KeycloakLogin | undefined } | string {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        target: { type: 'string' },
        fail: { type: 'boolean', default: false },
        'keycloak-url': { type: 'string' },
        'keycloak-client-id': { type: 'string', default: 'recipe-ci' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.help) return '';
  const target = values.target ?? defaultTargetKind();
  if (target !== 'guest-lab' && target !== 'loopback') {
    return `--target must be guest-lab (needs root) or loopback, not "${target}"`;
  }
  let keycloak: KeycloakLogin | undefined;
  if (values['keycloak-url'] !== undefined) {
    const clientSecret = process.env.KEYCLOAK_CLIENT_SECRET ?? '';
    if (!clientSecret)
      return '--keycloak-url needs the admin client secret in KEYCLOAK_CLIENT_SECRET';
    keycloak = {
      url: values['keycloak-url'],
      clientId: values['keycloak-client-id'],
      clientSecret,
    };
  }
  return { target, failingCheck: values.fail, keycloak };
}

const options = readOptions();
if (typeof options === 'string') {
  const usage =
    'usage: npm run demo [-- --target guest-lab|loopback] [--fail] [--keycloak-url URL [--keycloak-client-id ID]]';
  process.stderr.write(options ? `demo: ${options}\n${usage}\n` : `${usage}\n`);
  process.exit(options ? 2 : 0);
}

// Ctrl-C (or SIGTERM): stop the running step the way a runner cancels one, then clean up. The
// terminal sends SIGINT to npm and to us, and npm forwards it: only the first one counts.
const controller = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (controller.signal.aborted) return;
  process.stderr.write(`\ndemo: ${signal}: stopping the running step, then cleaning up\n`);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.chdir(root);
const result = await runDemo({
  root,
  ...options,
  signal: controller.signal,
  out: (line) => process.stdout.write(`${line}\n`),
});
process.exitCode = result.code;
