/**
 * Machines made by the user's own commands (OpenStack, OpenTofu, libvirt, Shaken Fist…).
 * The contract, documented in the action's README: create-command gets the run in RECIPE_CI_*
 * variables and prints ONE JSON object on stdout — `hosts` (string or list) and `id` required,
 * `user`, `ipv4`, `ipv6` and anything else optional; progress goes to stderr. destroy-command
 * gets the same variables plus RECIPE_CI_ID and RECIPE_CI_TARGET.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getErrorMessage } from '../shared/errors.ts';
import type { Logger } from '../platform/runner.ts';
import { runProgram } from '../process/run-program.ts';
import type { CreateRequest, Machine, MachineRef, Provider } from './provider.ts';
import { runnerTemp } from '../platform/run-origin.ts';

/** How much of create-command's stdout is kept: all of any sensible machine JSON. */
const ANSWER_CHARS = 16 * 1024 * 1024;

export interface CommandProviderOptions {
  createCommand: string;
  destroyCommand: string;
  log: Logger;
  env: NodeJS.ProcessEnv;
}

export function commandProvider(options: CommandProviderOptions): Provider {
  const { log } = options;

  function runEnv(ref: MachineRef, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...options.env,
      RECIPE_CI_NAME: ref.name,
      ...(ref.id === undefined ? {} : { RECIPE_CI_ID: ref.id }),
      ...extra,
    };
  }

  return {
    name: 'command',

    async create(request: CreateRequest): Promise<Machine> {
      const ref: MachineRef = { name: request.name };
      request.remember(ref);
      const extra: Record<string, string> = {
        RECIPE_CI_LABELS: JSON.stringify(request.labels),
        RECIPE_CI_USER: request.user,
      };
      if (request.publicKey !== undefined) extra.RECIPE_CI_PUBLIC_KEY = request.publicKey;
      if (request.privateKeyPath !== undefined)
        extra.RECIPE_CI_PRIVATE_KEY_PATH = request.privateKeyPath;
      // User data may carry secrets: the file lives only while create-command runs.
      let userDataFile: string | undefined;
      if (request.userData !== undefined) {
        userDataFile = join(runnerTemp(options.env), `${request.name}.user-data.yaml`);
        writeFileSync(userDataFile, request.userData, { mode: 0o600 });
        extra.RECIPE_CI_USER_DATA_FILE = userDataFile;
      }
      let result;
      try {
        // sh, as a workflow's `run:` would; stdout carries the machine's JSON, kept whole.
        result = await runProgram('sh', ['-c', options.createCommand], {
          env: runEnv(ref, extra),
          signal: request.signal,
          keepStdoutChars: ANSWER_CHARS,
          onLine: (line, stream) => {
            if (stream === 'stderr') log.info(`create-command: ${line}`);
          },
        });
      } finally {
        if (userDataFile !== undefined) rmSync(userDataFile, { force: true });
      }
      if (request.signal.aborted) throw request.signal.reason;
      if (result.code !== 0) {
        throw new Error(
          `create-command failed (${result.spawnError ?? `exit code ${String(result.code)}`}); the post step will run destroy-command for ${request.name}`,
        );
      }
      const machine = parseMachine(result.stdout, request.user, ref);
      request.remember({ name: machine.name, id: machine.id });
      return machine;
    },

    // Only the user's commands know the machine; there is no describe-command to ask.
    describe: () => Promise.resolve(undefined),

    async destroy(ref, signal) {
      const result = await runProgram('sh', ['-c', options.destroyCommand], {
        env: runEnv(ref, { RECIPE_CI_TARGET: JSON.stringify(ref) }),
        signal,
        onLine: (line, stream) => {
          if (stream === 'stderr') log.info(`destroy-command: ${line}`);
        },
      });
      if (result.code !== 0) {
        throw new Error(
          `destroy-command failed (${result.spawnError ?? `exit code ${String(result.code)}`}): ${result.stderr.trim().split('\n').pop() ?? ''}`,
        );
      }
      return 'destroyed';
    },

    listOwnLeftovers: () => Promise.resolve([]),
    destroyLeftover: () => Promise.resolve(),

    removeByHand(ref) {
      const id = ref.id === undefined ? '' : `RECIPE_CI_ID='${ref.id}' `;
      return `RECIPE_CI_NAME='${ref.name}' ${id}sh -c '<your destroy-command>'`;
    },
  };
}

/** The last non-empty stdout line that is a JSON object, checked against the contract. */
export function parseMachine(stdout: string, defaultUser: string, ref: MachineRef): Machine {
  const text = stdout.trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const last = text
      .split('\n')
      .filter((l) => l.trim().startsWith('{'))
      .pop();
    try {
      value = last === undefined ? undefined : JSON.parse(last);
    } catch (error) {
      throw new Error(
        `create-command printed no JSON object (${getErrorMessage(error)}); print one object such as {"id":"…","hosts":["203.0.113.7"]}`,
      );
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(
      'create-command printed no JSON object; print one object such as {"id":"…","hosts":["203.0.113.7"]}',
    );
  }
  const record = value as Record<string, unknown>;
  const hosts = typeof record.hosts === 'string' ? [record.hosts] : record.hosts;
  if (
    !Array.isArray(hosts) ||
    hosts.length === 0 ||
    !hosts.every((h) => typeof h === 'string' && h !== '')
  ) {
    throw new Error(
      'create-command\'s JSON has no "hosts" (a string or a non-empty list of strings)',
    );
  }
  const id = record.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || id === '') {
    throw new Error('create-command\'s JSON has no "id" (the identifier destroy-command receives)');
  }
  const optional = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string')
      throw new Error(`create-command's JSON has a "${key}" that is not a string`);
    return v;
  };
  const known = new Set(['hosts', 'id', 'user', 'ipv4', 'ipv6', 'name']);
  const details = Object.fromEntries(Object.entries(record).filter(([k]) => !known.has(k)));
  const ipv4 = optional('ipv4');
  const ipv6 = optional('ipv6');
  return {
    name: optional('name') ?? ref.name,
    id: String(id),
    hosts: hosts as string[],
    user: optional('user') ?? defaultUser,
    ...(ipv4 === undefined ? {} : { ipv4 }),
    ...(ipv6 === undefined ? {} : { ipv6 }),
    details,
  };
}
