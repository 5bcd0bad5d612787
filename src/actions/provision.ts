/**
 * The provision action. Main: parse and check everything, make the run's key, create the machine
 * (saving what exists to state before every long wait), and output it in the shape readiness
 * takes. Post: destroy it — or keep it, as `keep` says, printing how to remove it by hand.
 * Janitor mode sweeps what killed runs leaked.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { getErrorMessage } from '../shared/errors.ts';
import type { ActionContext, ActionDefinition } from '../platform/context.ts';
import { jobOutcome } from '../platform/job-outcome.ts';
import {
  boundedSignal,
  cleanupBound,
  recordedDeadline,
  stepDeadline,
} from '../platform/job-deadline.ts';
import { WrapperState } from '../platform/run.ts';
import { Report } from '../platform/report.ts';
import { sweep } from '../provision/janitor.ts';
import { runIdentity } from '../provision/naming.ts';
import type { Machine } from '../provision/provider.ts';
import { makeProvider } from '../provision/providers.ts';
import { readProvisionSettings, type Keep, type ProvisionSettings } from '../provision/settings.ts';
import { prepareRunKey } from '../provision/ssh-key.ts';
import { loadMachineRef, ProvisionState, saveMachineRef } from '../provision/state.ts';
import { renderUserData } from '../provision/user-data.ts';

export const provision: ActionDefinition = {
  name: 'provision',

  async main(context) {
    const settings = readProvisionSettings(context.inputs);
    await (settings.mode === 'janitor' ? runJanitor : createMachine)(context, settings);
  },

  async post(context) {
    const { inputs, state, log } = context;
    const ref = loadMachineRef(state);
    const keyPath = state.get(ProvisionState.keyPath);
    // Before parsing inputs: after a main that failed on its inputs, post has nothing to add.
    if (ref === undefined) {
      removeKeyFile(keyPath);
      log.info('provision: nothing was created, so there is nothing to destroy');
      return;
    }
    const settings = readProvisionSettings(inputs);
    const outcome = jobOutcome(state.get(WrapperState.mainOutcome), process.env);
    const provider = makeProvider(settings, context, process.env);
    if (shouldKeep(settings.keep, outcome)) {
      // Where it is, if the provider can say: the person debugging it needs the address.
      const seen = await provider.describe(ref).catch(() => undefined);
      const where = seen && seen.hosts.length > 0 ? ` at ${seen.hosts.join(' ')}` : '';
      log.notice(
        `provision: kept ${ref.name}${ref.id === undefined ? '' : ` (id ${ref.id})`}${where} because keep is ${settings.keep} and the job's outcome was ${outcome}. Remove it by hand: ${provider.removeByHand(ref)}`,
      );
      return;
    }
    removeKeyFile(keyPath);
    // Bounded by the deadline main recorded (post has the slack), but never below a minute.
    const bound = cleanupBound(recordedDeadline());
    const destroying = boundedSignal(context.signal, bound);
    try {
      const result = await provider.destroy(ref, destroying.signal);
      log.info(
        result === 'destroyed'
          ? `provision: destroyed ${ref.name}${ref.id === undefined ? '' : ` (id ${ref.id})`}`
          : `provision: ${ref.name} was already gone; nothing to destroy`,
      );
    } catch (error) {
      const why = destroying.timedOut()
        ? `destroy did not finish within ${bound?.describe ?? ''}`
        : getErrorMessage(error);
      throw new Error(
        `could not destroy ${ref.name}${ref.id === undefined ? '' : ` (id ${ref.id})`}: ${why}. Left behind: ${ref.name}. The janitor (mode: janitor) will remove it once older than max-age, or remove it by hand: ${provider.removeByHand(ref)}`,
        { cause: error },
      );
    }
  },
};

/** Sweep what killed runs leaked; fails (after sweeping all it can) when something resisted. */
async function runJanitor(context: ActionContext, settings: ProvisionSettings): Promise<void> {
  const provider = makeProvider(settings, context, process.env);
  const result = await sweep(provider, {
    prefix: settings.namePrefix,
    maxAgeMs: settings.maxAgeMs,
    dryRun: settings.dryRun,
    now: Date.now(),
    signal: context.signal,
  });
  await context.publish(result.report);
  if (result.failed.length > 0) {
    throw new Error(
      `the janitor could not remove: ${result.failed.map((f) => `${f.leftover.kind} ${f.leftover.name} (${f.error})`).join('; ')}`,
    );
  }
}

/** The run's key and user-data first (nothing exists yet), then the machine, then outputs. */
async function createMachine(context: ActionContext, settings: ProvisionSettings): Promise<void> {
  const { secrets, state, log } = context;
  const env = process.env;
  // Provision is usually the job's first step: it records the deadline for the steps after it.
  const deadline = stepDeadline(context);
  const bound = deadline?.bound(undefined);
  if (bound !== undefined) log.info(`provision: the machine must be up within ${bound.describe}`);
  const creating = boundedSignal(context.signal, bound);
  const identity = runIdentity(settings.namePrefix, env);
  const key = prepareRunKey(settings.key, identity.name, env, (secret) => {
    secrets.add(secret);
  });
  if (key?.written) state.set(ProvisionState.keyPath, key.privateKeyPath);
  let userData: string | undefined;
  if (settings.userData !== undefined) {
    const rendered = renderUserData(settings.userData, {
      'public-key': key?.publicKey ?? '',
      name: identity.name,
      labels: identity.labels,
    });
    if (typeof rendered !== 'string') context.inputs.fail('user-data', rendered.problem);
    userData = rendered;
  }
  const provider = makeProvider(settings, context, env, key?.md5Fingerprint);
  log.info(`Provisioning ${identity.name} with provider ${provider.name}`);
  const machine = await createWithin(creating, bound?.describe ?? '', () =>
    provider.create({
      name: identity.name,
      labels: identity.labels,
      user: settings.user,
      ...(key === undefined
        ? {}
        : { publicKey: key.publicKey, privateKeyPath: key.privateKeyPath }),
      ...(userData === undefined ? {} : { userData }),
      remember: (ref) => {
        saveMachineRef(state, ref);
      },
      signal: creating.signal,
      log,
    }),
  );
  writeOutputs(context, machine, key?.privateKeyPath ?? '', provider.name);
  await context.publish(
    new Report(`Provisioned ${machine.name}`).table(
      ['provider', 'id', 'hosts', 'user', 'keep'],
      [[provider.name, machine.id, machine.hosts.join(' '), machine.user, settings.keep]],
    ),
  );
}

/** Runs `create`; when the job's deadline cut it short, says so (post destroys what was made). */
async function createWithin<T>(
  creating: { timedOut: () => boolean },
  within: string,
  create: () => Promise<T>,
): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (!creating.timedOut()) throw error;
    throw new Error(
      `the machine was not up within ${within}; the post step destroys what was made`,
      { cause: error },
    );
  }
}

/** `on-failure` keeps a failed run's machine for debugging; a cancelled run's is destroyed. */
export function shouldKeep(keep: Keep, outcome: string): boolean {
  return keep === 'always' || (keep === 'on-failure' && outcome === 'failure');
}

function writeOutputs(
  { outputs }: ActionContext,
  machine: Machine,
  privateKeyPath: string,
  provider: string,
): void {
  outputs.set('hosts', machine.hosts.join('\n'));
  outputs.set('user', machine.user);
  outputs.set('private-key-path', privateKeyPath);
  outputs.set('id', machine.id);
  outputs.set('name', machine.name);
  outputs.set('target', {
    provider,
    id: machine.id,
    name: machine.name,
    hosts: machine.hosts,
    user: machine.user,
    'private-key-path': privateKeyPath,
    ...(machine.ipv4 === undefined ? {} : { ipv4: machine.ipv4 }),
    ...(machine.ipv6 === undefined ? {} : { ipv6: machine.ipv6 }),
    ...(machine.details === undefined ? {} : { details: machine.details }),
  });
}

/** The generated key's folder goes with the machine; a kept machine keeps its key. */
function removeKeyFile(path: string | undefined): void {
  if (path !== undefined) rmSync(dirname(path), { recursive: true, force: true });
}
