/**
 * The provision inputs, parsed once. Everything that can be checked without a side effect is
 * checked here — the provider's required inputs, the key, the user-data template — so a mistake
 * fails with exit code 2 before any machine or API call exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Inputs } from '../platform/inputs.ts';
import { PROVIDERS, type ProviderName } from './provider.ts';
import { publicHalf, type KeySource } from './ssh-key.ts';
import { shippedTemplate } from './server-templates.ts';
import { DEFAULT_USER_DATA, renderUserData, SAMPLE_VALUES } from './user-data.ts';

export const KEEP = ['never', 'on-failure', 'always'] as const;
export type Keep = (typeof KEEP)[number];

export interface HcloudSettings {
  token: string;
  apiUrl: string;
  image: string;
  serverType: string;
  location: string | undefined;
}

export interface ProvisionSettings {
  provider: ProviderName;
  mode: 'create' | 'janitor';
  keep: Keep;
  user: string;
  namePrefix: string;
  key: KeySource;
  /** The user-data template (already checked with sample values). */
  userData: string | undefined;
  /** For `ssh`: the given host(s). */
  hosts: string[];
  hcloud: HcloudSettings | undefined;
  createCommand: string | undefined;
  destroyCommand: string | undefined;
  swarm: boolean;
  createTimeoutMs: number;
  maxAgeMs: number;
  dryRun: boolean;
}

export function readProvisionSettings(inputs: Inputs): ProvisionSettings {
  const mode = inputs.defaulted('mode', inputs.choice('mode', ['create', 'janitor']));
  const keep = inputs.defaulted('keep', inputs.choice('keep', KEEP));
  const provider = inputs.choice('provider', PROVIDERS);
  if (provider === undefined) {
    inputs.required('provider', 'choose hcloud, ssh, local or command');
    throw new Error('unreachable');
  }
  const user = inputs.defaulted('user', inputs.string('user'));
  const namePrefix = inputs.defaulted('name-prefix', inputs.string('name-prefix'));
  // It is a label value too, and those must start and end with a letter or digit.
  if (!/^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/.test(namePrefix)) {
    inputs.fail(
      'name-prefix',
      `must be 1-20 lower-case letters, digits or inner hyphens, starting with a letter (it names machines and labels); got "${namePrefix}"`,
    );
  }
  const createTimeoutMs = inputs.defaulted(
    'create-timeout',
    inputs.duration('create-timeout', { min: 1000 }),
  );
  const maxAgeMs = inputs.defaulted('max-age', inputs.duration('max-age', { min: 60_000 }));
  const dryRun = inputs.defaulted('dry-run', inputs.boolean('dry-run'));
  const swarm = inputs.defaulted('swarm', inputs.boolean('swarm'));

  const token = inputs.secret('hcloud-token');
  let hcloud: HcloudSettings | undefined;
  if (provider === 'hcloud') {
    if (token === undefined) {
      inputs.fail(
        'hcloud-token',
        'is required for provider hcloud; pass a Hetzner Cloud API token from a secret',
      );
    }
    const apiUrl = inputs.defaulted('hcloud-api-url', inputs.string('hcloud-api-url'));
    if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
      inputs.fail('hcloud-api-url', `must be an http(s) URL; got "${apiUrl}"`);
    }
    const needed = mode === 'create';
    const image = needed ? inputs.required('image', 'name an image such as debian-12') : '';
    const serverType = needed
      ? inputs.required('server-type', 'name a server type such as cx22')
      : '';
    hcloud = {
      token,
      apiUrl: apiUrl.replace(/\/+$/, ''),
      image,
      serverType,
      location: inputs.string('location'),
    };
  }

  const createCommand = inputs.string('create-command');
  const destroyCommand = inputs.string('destroy-command');
  if (provider === 'command' && mode === 'create') {
    inputs.required(
      'create-command',
      'give a command that creates the machine and prints its JSON',
    );
    inputs.required('destroy-command', 'give a command that destroys what create-command made');
  }
  if (provider === 'command' && mode === 'janitor') {
    inputs.fail(
      'mode',
      'janitor is not available for provider command; sweep with your own tooling (see the README)',
    );
  }

  const hosts = inputs.list('host');
  if (provider === 'ssh' && mode === 'create' && hosts.length === 0) {
    inputs.fail('host', 'is required for provider ssh; give the address of the existing server');
  }

  const key = readKeySource(inputs, provider);
  const userData = readUserData(inputs, provider);
  return {
    provider,
    mode,
    keep,
    user,
    namePrefix,
    key,
    userData,
    hosts,
    hcloud,
    createCommand,
    destroyCommand,
    swarm,
    createTimeoutMs,
    maxAgeMs,
    dryRun,
  };
}

function readKeySource(inputs: Inputs, provider: ProviderName): KeySource {
  const text = inputs.secret('private-key');
  const path = inputs.string('private-key-path');
  const generate = inputs.defaulted('ssh-key', inputs.choice('ssh-key', ['generate', 'none']));
  if (text !== undefined && path !== undefined) {
    inputs.fail('private-key', 'and private-key-path were both given; give one');
  }
  if (text !== undefined) {
    const half = publicHalf(text.endsWith('\n') ? text : `${text}\n`, 'check');
    if (half instanceof Error) {
      inputs.fail(
        'private-key',
        `is not a usable private key (${half.message}); give an unencrypted OpenSSH or PEM key`,
      );
    }
    return { kind: 'text', text };
  }
  if (path !== undefined) {
    if (!existsSync(path)) inputs.fail('private-key-path', `"${path}" does not exist`);
    const half = publicHalf(readFileSync(path, 'utf8'), 'check');
    if (half instanceof Error) {
      inputs.fail('private-key-path', `"${path}" is not a usable private key (${half.message})`);
    }
    return { kind: 'path', path };
  }
  if (provider === 'ssh') {
    inputs.fail(
      'private-key',
      'or private-key-path is required for provider ssh: a generated key cannot reach a server that already exists',
    );
  }
  // The runner itself needs no key; a created machine gets a fresh one unless told otherwise.
  if (provider === 'local' || generate === 'none') return { kind: 'none' };
  return { kind: 'generate' };
}

function readUserData(inputs: Inputs, provider: ProviderName): string | undefined {
  const raw = inputs.string('user-data');
  if (raw !== undefined && (provider === 'ssh' || provider === 'local')) {
    inputs.fail(
      'user-data',
      `is for machines we create (hcloud, command); provider ${provider} uses a machine that already runs`,
    );
  }
  if (provider !== 'hcloud' && provider !== 'command') return undefined;
  let template = raw ?? DEFAULT_USER_DATA;
  const shipped = raw === undefined ? undefined : shippedTemplate(raw);
  if (typeof shipped === 'object') inputs.fail('user-data', shipped.problem);
  if (typeof shipped === 'string') template = shipped;
  // One line that is not the cloud-config header is a file path.
  if (
    shipped === undefined &&
    raw !== undefined &&
    !raw.includes('\n') &&
    !raw.startsWith('#cloud-config')
  ) {
    try {
      template = readFileSync(raw, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      inputs.fail(
        'user-data',
        `names the file "${raw}", which cannot be read (${code}); give a path or an inline #cloud-config`,
      );
    }
  }
  const checked = renderUserData(template, SAMPLE_VALUES);
  if (typeof checked !== 'string') inputs.fail('user-data', checked.problem);
  return template;
}
