/**
 * The env every recipe command and test sees: where the app is, what it is called, where its
 * run may keep state, and the app settings (the recipe config's `env`, then the env file from
 * oidc-realm, which wins because it is this run's).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';

export interface RunEnvInputs {
  recipe: string;
  domain: string;
  url: string;
  stateDir: string;
  candidateDir: string;
  configEnv: Record<string, string>;
  envFile: string | undefined;
  /** RECIPE_CI_HOST and RECIPE_CI_SSH_CONFIG when a machine was handed over. */
  machine?: Record<string, string>;
}

export async function buildRunEnv(inputs: RunEnvInputs): Promise<NodeJS.ProcessEnv> {
  const fromFile =
    inputs.envFile === undefined ? {} : parseEnvFile(await readFile(inputs.envFile, 'utf8'));
  return {
    ...process.env,
    ...inputs.configEnv,
    ...fromFile,
    RECIPE_CI_RECIPE: inputs.recipe,
    RECIPE_CI_DOMAIN: inputs.domain,
    RECIPE_CI_URL: inputs.url,
    RECIPE_CI_PORT: String(await freePort()),
    RECIPE_CI_STATE_DIR: inputs.stateDir,
    RECIPE_CI_SOURCE: inputs.candidateDir,
    RECIPE_CI_ENV_FILE: inputs.envFile ?? '',
    // Where the app runs: the handed-over machine, else the runner itself.
    RECIPE_CI_HOST: '127.0.0.1',
    ...inputs.machine,
  };
}

/** `KEY=value` lines as an app's `.env` has them; comments and blanks skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line
      .slice(0, eq)
      .replace(/^export\s+/, '')
      .trim();
    let value = line.slice(eq + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    env[key] = value;
  }
  return env;
}

/** A port free on loopback now, for apps the command backend runs on the runner itself. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}
