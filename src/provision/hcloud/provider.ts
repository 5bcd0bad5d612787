/**
 * Hetzner Cloud servers. Creation is remembered step by step — the name before the first call,
 * the SSH key and the server id the moment the API returns them — so that a cancel at any point
 * leaves post (or, failing that, the janitor) enough to destroy everything.
 */
import { backoffDelay } from '../../shared/backoff.ts';
import { createdAtFromLabels, LABELS } from '../naming.ts';
import type { CreateRequest, Leftover, Machine, MachineRef, Provider } from '../provider.ts';
import { abortableSleep, throwIfAborted, type Sleep } from '../../shared/sleep.ts';
import type { HcloudSettings } from '../settings.ts';
import { HcloudApiError, HcloudClient } from './client.ts';
import type { CreateServerResponse, HcloudAction, HcloudServer, HcloudSshKey } from './types.ts';

export interface HcloudProviderOptions {
  settings: HcloudSettings;
  createTimeoutMs: number;
  signal: AbortSignal;
  /** MD5 fingerprint of the run's public key, to reuse a key the project already has. */
  keyFingerprint?: string;
  mask: (secret: string) => void;
  log: (message: string) => void;
  sleep?: Sleep;
}

/** Poll the create action often at first (small servers are up in ~10 s), then calmer. */
const POLL = { firstMs: 1000, capMs: 5000, jitter: 0 };
/** Deleting takes seconds; a post step has minutes at most (GitHub caps it at 5 after a cancel). */
const DELETE_TIMEOUT_MS = 60_000;

export function hcloudProvider(options: HcloudProviderOptions): Provider {
  const { settings, signal, log } = options;
  const sleep = options.sleep ?? abortableSleep;
  const api = new HcloudClient({
    baseUrl: settings.apiUrl,
    token: settings.token,
    signal,
    sleep,
    log,
  });

  async function waitForActions(actions: HcloudAction[], deadline: number): Promise<void> {
    for (const first of actions) {
      let action = first;
      for (let poll = 0; action.status === 'running'; poll++) {
        if (Date.now() > deadline) {
          throw new Error(
            `the server's ${action.command} action was still running after ${action.command === 'delete_server' ? '60s' : 'create-timeout'} (${String(action.progress)}% done)`,
          );
        }
        await sleep(backoffDelay(POLL, poll), signal);
        throwIfAborted(signal);
        ({ action } = await api.get<{ action: HcloudAction }>(`/actions/${String(action.id)}`));
      }
      if (action.status === 'error') {
        throw new Error(
          `Hetzner Cloud could not ${action.command.replace(/_/g, ' ')}: ${action.error?.message ?? 'no reason given'} (${action.error?.code ?? 'error'})`,
        );
      }
    }
  }

  async function findServerByName(name: string): Promise<HcloudServer | undefined> {
    const servers = await api.list<HcloudServer>('/servers', 'servers', { name });
    return servers.find((s) => s.name === name);
  }

  /**
   * DELETE, and for the run's own server wait for its delete action: "destroyed" is then a fact,
   * not a hope, and a delete that fails on Hetzner's side is reported instead of leaking. The
   * janitor does not wait (it may delete dozens; whatever failed is still there next sweep).
   */
  async function deleteQuietly(path: string, wait = true): Promise<'destroyed' | 'gone'> {
    try {
      const body = await api.delete<{ action?: HcloudAction }>(path);
      if (wait && body.action) {
        await waitForActions([body.action], Date.now() + DELETE_TIMEOUT_MS);
      }
      return 'destroyed';
    } catch (error) {
      if (error instanceof HcloudApiError && error.status === 404) return 'gone';
      throw error;
    }
  }

  async function destroy(ref: MachineRef): Promise<'destroyed' | 'gone'> {
    const id = ref.id ?? (await findServerByName(ref.name))?.id.toString();
    const server = id === undefined ? 'gone' : await deleteQuietly(`/servers/${id}`);
    const keyId = ref.extra?.sshKeyId;
    // A key that was already in the project is the user's; only our own is removed.
    if (keyId !== undefined && ref.extra?.sshKeyOwned === 'true') {
      await deleteQuietly(`/ssh_keys/${keyId}`);
    }
    return server;
  }

  function toMachine(server: HcloudServer, user: string, ref: MachineRef): Machine {
    const ipv4 = server.public_net.ipv4?.ip;
    const ipv6 = server.public_net.ipv6?.ip.replace(/\/\d+$/, '').replace(/::$/, '::1');
    const hosts = ipv4 !== undefined ? [ipv4] : ipv6 !== undefined ? [ipv6] : [];
    return {
      ...ref,
      id: String(server.id),
      name: server.name,
      hosts,
      user,
      ...(ipv4 === undefined ? {} : { ipv4 }),
      ...(ipv6 === undefined ? {} : { ipv6 }),
      details: { status: server.status, created: server.created },
    };
  }

  return {
    name: 'hcloud',

    async create(request: CreateRequest): Promise<Machine> {
      const deadline = Date.now() + options.createTimeoutMs;
      const ref: MachineRef = { name: request.name, extra: {} };
      request.remember(ref);
      const sshKeys: number[] = [];
      if (request.publicKey !== undefined) {
        const key = await uploadKey(request);
        ref.extra = { sshKeyId: String(key.id), sshKeyOwned: String(key.owned) };
        request.remember(ref);
        sshKeys.push(key.id);
      }
      let created: CreateServerResponse;
      try {
        created = await api.post<CreateServerResponse>('/servers', {
          name: request.name,
          server_type: settings.serverType,
          image: settings.image,
          ...(settings.location === undefined ? {} : { location: settings.location }),
          ssh_keys: sshKeys,
          user_data: request.userData,
          labels: request.labels,
          start_after_create: true,
        });
      } catch (error) {
        // A 5xx after retries may still have made the server; destroy by name, then report.
        await cleanupAfter(ref, error);
        throw error;
      }
      if (created.root_password) options.mask(created.root_password);
      ref.id = String(created.server.id);
      request.remember(ref);
      log(`Server ${created.server.name} (id ${ref.id}) is being created`);
      try {
        await waitForActions([created.action, ...created.next_actions], deadline);
      } catch (error) {
        if (!signal.aborted) await cleanupAfter(ref, error);
        throw error;
      }
      const { server } = await api.get<{ server: HcloudServer }>(`/servers/${ref.id}`);
      return toMachine(server, request.user, ref);
    },

    async describe(ref) {
      try {
        const id = ref.id ?? (await findServerByName(ref.name))?.id.toString();
        if (id === undefined) return undefined;
        const { server } = await api.get<{ server: HcloudServer }>(`/servers/${id}`);
        return toMachine(server, '', ref);
      } catch (error) {
        if (error instanceof HcloudApiError && error.status === 404) return undefined;
        throw error;
      }
    },

    destroy: (ref) => destroy(ref),

    async listOwnLeftovers(prefix) {
      // Only what carries our prefix label AND a creation label; everything else is not ours.
      const selector = `${LABELS.prefix}=${prefix},${LABELS.created}`;
      const found: Leftover[] = [];
      const servers = await api.list<HcloudServer>('/servers', 'servers', {
        label_selector: selector,
      });
      const keys = await api.list<HcloudSshKey>('/ssh_keys', 'ssh_keys', {
        label_selector: selector,
      });
      for (const [kind, items] of [
        ['server', servers],
        ['ssh-key', keys],
      ] as const) {
        for (const item of items) {
          const createdAt = createdAtFromLabels(item.labels);
          if (createdAt === undefined || item.labels[LABELS.prefix] !== prefix) continue;
          found.push({ kind, id: String(item.id), name: item.name, createdAt });
        }
      }
      return found;
    },

    async destroyLeftover(leftover) {
      await deleteQuietly(
        `/${leftover.kind === 'server' ? 'servers' : 'ssh_keys'}/${leftover.id}`,
        false,
      );
    },

    removeByHand(ref) {
      const target = ref.id ?? ref.name;
      const key =
        ref.extra?.sshKeyOwned === 'true' && ref.extra.sshKeyId
          ? ` && hcloud ssh-key delete ${ref.extra.sshKeyId}`
          : '';
      return `hcloud server delete ${target}${key}  (or: curl -X DELETE -H "Authorization: Bearer $HCLOUD_TOKEN" ${settings.apiUrl}/servers/${target})`;
    },
  };

  /** Our public key as a project SSH key; one the project already holds is reused, not owned. */
  async function uploadKey(request: CreateRequest): Promise<{ id: number; owned: boolean }> {
    try {
      const { ssh_key } = await api.post<{ ssh_key: HcloudSshKey }>('/ssh_keys', {
        name: request.name,
        public_key: request.publicKey,
        labels: request.labels,
      });
      return { id: ssh_key.id, owned: true };
    } catch (error) {
      if (
        !(error instanceof HcloudApiError) ||
        error.code !== 'uniqueness_error' ||
        !options.keyFingerprint
      ) {
        throw error;
      }
      const [existing] = await api.list<HcloudSshKey>('/ssh_keys', 'ssh_keys', {
        fingerprint: options.keyFingerprint,
      });
      if (existing === undefined) throw error;
      log(`Using the project's existing SSH key "${existing.name}" (same fingerprint)`);
      return { id: existing.id, owned: false };
    }
  }

  async function cleanupAfter(ref: MachineRef, cause: unknown): Promise<void> {
    try {
      const result = await destroy(ref);
      log(
        result === 'destroyed'
          ? `The half-made server ${ref.name} was destroyed`
          : `Nothing of ${ref.name} was left to destroy`,
      );
    } catch (error) {
      log(
        `Could not clean up after the failed creation (${String(error)}); the post step will try again (cause: ${String(cause)})`,
      );
    }
  }
}
