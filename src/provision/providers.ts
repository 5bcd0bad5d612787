/** Build the provider the settings name, with its side effects wired to the step's context. */
import type { ActionContext } from '../platform/context.ts';
import { commandProvider } from './command-provider.ts';
import { hcloudProvider } from './hcloud/provider.ts';
import { localProvider } from './local-provider.ts';
import type { Provider } from './provider.ts';
import type { ProvisionSettings } from './settings.ts';
import { sshProvider } from './ssh-provider.ts';

export function makeProvider(
  settings: ProvisionSettings,
  context: Pick<ActionContext, 'log' | 'secrets' | 'signal'>,
  env: NodeJS.ProcessEnv,
  keyFingerprint?: string,
): Provider {
  const { log } = context;
  // The user's commands and docker get the job's environment without our inputs: INPUT_* can
  // hold a private key or a token, and a command that prints its environment would show them.
  const childEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('INPUT_')));
  switch (settings.provider) {
    case 'hcloud':
      if (settings.hcloud === undefined) throw new Error('hcloud settings missing');
      return hcloudProvider({
        settings: settings.hcloud,
        createTimeoutMs: settings.createTimeoutMs,
        signal: context.signal,
        ...(keyFingerprint === undefined ? {} : { keyFingerprint }),
        mask: (secret) => {
          context.secrets.add(secret);
        },
        log: (message) => {
          log.info(message);
        },
      });
    case 'command':
      return commandProvider({
        createCommand: settings.createCommand ?? '',
        destroyCommand: settings.destroyCommand ?? '',
        log,
        env: childEnv,
      });
    case 'local':
      return localProvider({ swarm: settings.swarm, log, env: childEnv });
    case 'ssh':
      return sshProvider(settings.hosts);
  }
}
