/**
 * The machine a run deploys on, as provision and readiness hand it over: `host` (one of
 * provision's `hosts`, `user@host:port` allowed), `user`, `private-key-path` and `known-hosts`
 * (readiness's pinned file). Checked before anything is created: a key that cannot be read or
 * that ssh would refuse as too open, or a known-hosts file that does not pin the host, is a
 * mistake in the workflow, not a reason to trust whatever key answers.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Inputs } from '../platform/inputs.ts';
import { parseHostTarget } from '../readiness/hosts.ts';
import {
  checkPinnedHostKey,
  knownHostsName,
  pinnedKeysFor,
  writeSshClientConfig,
  type MachineAccess,
  type PinnedKey,
} from '../ssh/machine-access.ts';

export interface Machine {
  access: MachineAccess;
  pinned: PinnedKey[];
  /** The run key's text, for the one connection that checks the host key; never logged. */
  privateKey: string;
}

/** The handed-over machine, or undefined when `host` is not given (commands run on the runner). */
export function readMachine(inputs: Inputs): Machine | undefined {
  const spec = inputs.string('host');
  if (spec === undefined) {
    for (const name of ['private-key-path', 'known-hosts'] as const) {
      if (inputs.string(name) !== undefined) {
        inputs.fail(
          name,
          "is given without host; give host (provision's hosts output) too, or neither",
        );
      }
    }
    return undefined;
  }
  const target = parseHostTarget(spec, { user: inputs.string('user') ?? 'root', port: 22 });
  if (typeof target === 'string') inputs.fail('host', target);
  const keyPath = resolve(
    inputs.required('private-key-path', "give provision's private-key-path output, the run key"),
  );
  const privateKey = readText(inputs, 'private-key-path', keyPath);
  // ssh ignores a key others can read ("UNPROTECTED PRIVATE KEY FILE") and then fails to log in.
  if ((statSync(keyPath).mode & 0o077) !== 0) {
    inputs.fail(
      'private-key-path',
      `names a key that others can read; ssh refuses it: chmod 600 the file`,
    );
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) {
    inputs.fail(
      'private-key-path',
      'names a file that is not a private key (no BEGIN … PRIVATE KEY line)',
    );
  }
  const knownHostsPath = resolve(
    inputs.required('known-hosts', "give readiness's known-hosts output, the pinned host keys"),
  );
  const pinned = pinnedKeysFor(
    readText(inputs, 'known-hosts', knownHostsPath),
    target.host,
    target.port,
  );
  if (pinned.length === 0) {
    inputs.fail(
      'known-hosts',
      `pins no key for ${knownHostsName(target.host, target.port)}; pass the known-hosts output of the readiness step that gated this host`,
    );
  }
  return {
    access: {
      host: target.host,
      port: target.port,
      user: target.user,
      privateKeyPath: keyPath,
      knownHostsPath,
    },
    pinned,
    privateKey,
  };
}

function readText(inputs: Inputs, name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    return inputs.fail(name, `names a file that cannot be read (${code})`);
  }
}

/**
 * Write the run's SSH config into `workDir` and prove the machine still shows the pinned key;
 * returns the variables every recipe command gets. Throws before any deploy when it does not.
 */
export async function handOverMachine(
  machine: Machine,
  workDir: string,
  signal: AbortSignal,
): Promise<{ RECIPE_CI_HOST: string; RECIPE_CI_SSH_CONFIG: string }> {
  const config = writeSshClientConfig(workDir, machine.access);
  await checkPinnedHostKey(machine.access, machine.pinned, machine.privateKey, {
    timeoutMs: 30_000,
    signal,
  });
  return { RECIPE_CI_HOST: machine.access.host, RECIPE_CI_SSH_CONFIG: config };
}
