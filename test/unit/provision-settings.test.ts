import assert from 'node:assert/strict';
import { parseActionMetadata } from '../../src/cli/metadata.ts';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ConfigurationError } from '../../src/shared/errors.ts';
import { Inputs } from '../../src/platform/inputs.ts';
import { readProvisionSettings } from '../../src/provision/settings.ts';

/** Inputs as the runner gives them: action.yml's defaults under what the test sets. */
const DEFAULTS = new Map(
  parseActionMetadata(readFileSync('actions/provision/action.yml', 'utf8')).inputs.flatMap((i) =>
    i.default === undefined ? [] : [[i.name, i.default] as const],
  ),
);

function read(values: Record<string, string>) {
  const secrets: string[] = [];
  const settings = readProvisionSettings(
    new Inputs({
      get: (name) => values[name] ?? DEFAULTS.get(name),
      label: (name) => `input "${name}"`,
      onSecret: (value) => secrets.push(value),
    }),
  );
  return { settings, secrets };
}

function fails(values: Record<string, string>, pattern: RegExp): void {
  assert.throws(
    () => read(values),
    (error: unknown) => error instanceof ConfigurationError && pattern.test(error.message),
    pattern.source,
  );
}

const HCLOUD = {
  provider: 'hcloud',
  'hcloud-token': 'tok-123456789',
  image: 'debian-12',
  'server-type': 'cx22',
};

test('hcloud: the token is a secret; image and server-type only matter when creating', () => {
  const { settings, secrets } = read(HCLOUD);
  assert.deepEqual(secrets, ['tok-123456789']);
  assert.equal(settings.hcloud?.apiUrl, 'https://api.hetzner.cloud/v1');
  assert.deepEqual(settings.key, { kind: 'generate' });
  assert.equal(
    read({ provider: 'hcloud', 'hcloud-token': 't', mode: 'janitor' }).settings.mode,
    'janitor',
  );
  fails({ ...HCLOUD, image: '' }, /input "image" is required/);
});

test('mistakes are named with their fix', () => {
  fails({ ...HCLOUD, 'name-prefix': 'ci-' }, /input "name-prefix" must be 1-20 lower-case letters/);
  fails({ ...HCLOUD, 'name-prefix': 'CI' }, /input "name-prefix"/);
  fails(
    { ...HCLOUD, 'hcloud-api-url': 'api.hetzner.cloud' },
    /input "hcloud-api-url" must be an http\(s\) URL/,
  );
  fails({ ...HCLOUD, 'max-age': '30s' }, /input "max-age" must be at least 1m/);
  fails(
    { ...HCLOUD, 'private-key': 'not a key' },
    /input "private-key" is not a usable private key/,
  );
  fails({ ...HCLOUD, 'private-key': 'k', 'private-key-path': '/k' }, /both given/);
  fails({ provider: 'command', mode: 'janitor' }, /janitor is not available for provider command/);
  fails(
    { provider: 'local', 'user-data': '#cloud-config\n{}' },
    /input "user-data" is for machines we create/,
  );
  fails(
    { provider: '' },
    /input "provider" is required but empty; choose hcloud, ssh, local or command/,
  );
});

test('local needs no key; ssh-key: none creates without one', () => {
  assert.deepEqual(read({ provider: 'local' }).settings.key, { kind: 'none' });
  assert.deepEqual(read({ ...HCLOUD, 'ssh-key': 'none' }).settings.key, { kind: 'none' });
  fails({ ...HCLOUD, 'ssh-key': 'make' }, /input "ssh-key" must be one of generate, none/);
});

test('user-data template:<name> selects a shipped template; an unknown name lists the real ones', () => {
  const { settings } = read({ ...HCLOUD, 'user-data': 'template:coop-cloud-server' });
  assert.match(settings.userData ?? '', /docker swarm init/);
  assert.match(settings.userData ?? '', /\{\{ public-key \}\}/);
  fails(
    { ...HCLOUD, 'user-data': 'template:coop' },
    /input "user-data" names the template "coop", which does not exist; the templates are template:coop-cloud-server/,
  );
});
