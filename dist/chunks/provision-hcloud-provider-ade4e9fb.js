import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  prepareRunKey,
  readProvisionSettings,
  renderUserData
} from "./provision-settings-b2f573ed.js";
import {
  HttpError,
  httpRequest,
  realHttpDeps
} from "./shared-http-client-65d83f5e.js";
import {
  slug
} from "./shared-slug-e35b7b1b.js";
import {
  jobOutcome
} from "./platform-job-outcome-916fe21d.js";
import {
  backoffDelay
} from "./shared-backoff-e8835d09.js";
import {
  boundedSignal,
  cleanupBound,
  recordedDeadline,
  stepDeadline
} from "./platform-job-deadline-bccb0779.js";
import {
  runOrigin,
  runnerTemp
} from "./platform-run-origin-98ca828c.js";
import {
  abortableSleep,
  throwIfAborted
} from "./shared-sleep-31158bea.js";
import {
  Report,
  WrapperState,
  runProgram
} from "./yaml-80979275.js";
import {
  formatDuration,
  getErrorMessage
} from "./shared-duration-7abedc94.js";

// src/actions/provision.ts
import { rmSync as rmSync2 } from "node:fs";
import { dirname } from "node:path";

// src/provision/janitor.ts
async function sweep(provider, options) {
  const found = await provider.listOwnLeftovers(options.prefix);
  const old = found.filter((l) => options.now - l.createdAt > options.maxAgeMs);
  const spared = found.filter((l) => !old.includes(l));
  const removed = [];
  const failed = [];
  if (!options.dryRun) {
    for (const leftover of old) {
      try {
        await provider.destroyLeftover(leftover, options.signal);
        removed.push(leftover);
      } catch (error) {
        failed.push({ leftover, error: getErrorMessage(error) });
      }
    }
  }
  const verdict = (l) => {
    if (!old.includes(l)) return "spared (young)";
    if (options.dryRun) return "would remove (dry run)";
    const failure = failed.find((f) => f.leftover === l);
    return failure ? `FAILED: ${failure.error}` : "removed";
  };
  const report = new Report(`Janitor (${provider.name}, prefix ${options.prefix})`).text(
    `${String(found.length)} labelled leftover(s); removing those older than ${formatDuration(options.maxAgeMs)}${options.dryRun ? " \u2014 dry run, nothing removed" : ""}.`
  );
  if (found.length > 0) {
    report.table(
      ["kind", "id", "name", "age", "verdict"],
      found.map((l) => [
        l.kind,
        l.id,
        l.name,
        formatDuration(options.now - l.createdAt),
        verdict(l)
      ])
    );
  }
  return { removed, spared, failed, report };
}

// src/provision/naming.ts
var LABELS = {
  prefix: "recipe-ci",
  repo: "recipe-ci-repo",
  run: "recipe-ci-run",
  created: "recipe-ci-created"
};
var MAX_NAME = 63;
function runIdentity(prefix, env, now = Date.now()) {
  const origin = runOrigin(env, now);
  const repo = slug(origin.repo) || "local";
  const runId = slug(origin.runId) || "manual";
  const attempt = slug(origin.attempt) || "1";
  const tail = `-${runId}-${attempt}`;
  const head = `${prefix}-${repo}`.slice(0, MAX_NAME - tail.length).replace(/-+$/, "");
  return {
    name: `${head}${tail}`,
    createdAt: now,
    labels: {
      [LABELS.prefix]: prefix,
      [LABELS.repo]: repo.slice(0, 63).replace(/-+$/, ""),
      [LABELS.run]: `${runId}-${attempt}`.slice(0, 63),
      [LABELS.created]: String(Math.floor(now / 1e3))
    }
  };
}
function createdAtFromLabels(labels) {
  const value = labels[LABELS.created];
  if (value === void 0 || !/^\d{9,11}$/.test(value)) return void 0;
  return Number(value) * 1e3;
}

// src/provision/command-provider.ts
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var ANSWER_CHARS = 16 * 1024 * 1024;
function commandProvider(options) {
  const { log } = options;
  function runEnv(ref, extra = {}) {
    return {
      ...options.env,
      RECIPE_CI_NAME: ref.name,
      ...ref.id === void 0 ? {} : { RECIPE_CI_ID: ref.id },
      ...extra
    };
  }
  return {
    name: "command",
    async create(request) {
      const ref = { name: request.name };
      request.remember(ref);
      const extra = {
        RECIPE_CI_LABELS: JSON.stringify(request.labels),
        RECIPE_CI_USER: request.user
      };
      if (request.publicKey !== void 0) extra.RECIPE_CI_PUBLIC_KEY = request.publicKey;
      if (request.privateKeyPath !== void 0)
        extra.RECIPE_CI_PRIVATE_KEY_PATH = request.privateKeyPath;
      let userDataFile;
      if (request.userData !== void 0) {
        userDataFile = join(runnerTemp(options.env), `${request.name}.user-data.yaml`);
        writeFileSync(userDataFile, request.userData, { mode: 384 });
        extra.RECIPE_CI_USER_DATA_FILE = userDataFile;
      }
      let result;
      try {
        result = await runProgram("sh", ["-c", options.createCommand], {
          env: runEnv(ref, extra),
          signal: request.signal,
          keepStdoutChars: ANSWER_CHARS,
          onLine: (line, stream) => {
            if (stream === "stderr") log.info(`create-command: ${line}`);
          }
        });
      } finally {
        if (userDataFile !== void 0) rmSync(userDataFile, { force: true });
      }
      if (request.signal.aborted) throw request.signal.reason;
      if (result.code !== 0) {
        throw new Error(
          `create-command failed (${result.spawnError ?? `exit code ${String(result.code)}`}); the post step will run destroy-command for ${request.name}`
        );
      }
      const machine = parseMachine(result.stdout, request.user, ref);
      request.remember({ name: machine.name, id: machine.id });
      return machine;
    },
    // Only the user's commands know the machine; there is no describe-command to ask.
    describe: () => Promise.resolve(void 0),
    async destroy(ref, signal) {
      const result = await runProgram("sh", ["-c", options.destroyCommand], {
        env: runEnv(ref, { RECIPE_CI_TARGET: JSON.stringify(ref) }),
        signal,
        onLine: (line, stream) => {
          if (stream === "stderr") log.info(`destroy-command: ${line}`);
        }
      });
      if (result.code !== 0) {
        throw new Error(
          `destroy-command failed (${result.spawnError ?? `exit code ${String(result.code)}`}): ${result.stderr.trim().split("\n").pop() ?? ""}`
        );
      }
      return "destroyed";
    },
    listOwnLeftovers: () => Promise.resolve([]),
    destroyLeftover: () => Promise.resolve(),
    removeByHand(ref) {
      const id = ref.id === void 0 ? "" : `RECIPE_CI_ID='${ref.id}' `;
      return `RECIPE_CI_NAME='${ref.name}' ${id}sh -c '<your destroy-command>'`;
    }
  };
}
function parseMachine(stdout, defaultUser, ref) {
  const text = stdout.trim();
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    const last = text.split("\n").filter((l) => l.trim().startsWith("{")).pop();
    try {
      value = last === void 0 ? void 0 : JSON.parse(last);
    } catch (error) {
      throw new Error(
        `create-command printed no JSON object (${getErrorMessage(error)}); print one object such as {"id":"\u2026","hosts":["203.0.113.7"]}`
      );
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(
      'create-command printed no JSON object; print one object such as {"id":"\u2026","hosts":["203.0.113.7"]}'
    );
  }
  const record = value;
  const hosts = typeof record.hosts === "string" ? [record.hosts] : record.hosts;
  if (!Array.isArray(hosts) || hosts.length === 0 || !hosts.every((h) => typeof h === "string" && h !== "")) {
    throw new Error(
      `create-command's JSON has no "hosts" (a string or a non-empty list of strings)`
    );
  }
  const id = record.id;
  if (typeof id !== "string" && typeof id !== "number" || id === "") {
    throw new Error(`create-command's JSON has no "id" (the identifier destroy-command receives)`);
  }
  const optional = (key) => {
    const v = record[key];
    if (v === void 0 || v === null) return void 0;
    if (typeof v !== "string")
      throw new Error(`create-command's JSON has a "${key}" that is not a string`);
    return v;
  };
  const known = /* @__PURE__ */ new Set(["hosts", "id", "user", "ipv4", "ipv6", "name"]);
  const details = Object.fromEntries(Object.entries(record).filter(([k]) => !known.has(k)));
  const ipv4 = optional("ipv4");
  const ipv6 = optional("ipv6");
  return {
    name: optional("name") ?? ref.name,
    id: String(id),
    hosts,
    user: optional("user") ?? defaultUser,
    ...ipv4 === void 0 ? {} : { ipv4 },
    ...ipv6 === void 0 ? {} : { ipv6 },
    details
  };
}

// src/provision/hcloud/client.ts
var HcloudApiError = class extends HttpError {
  constructor(status, code, apiMessage, details) {
    super(
      `Hetzner Cloud API: ${apiMessage}${fieldProblems(details)} (${code}, HTTP ${String(status)})${status === 401 ? "; check hcloud-token" : ""}`,
      { status }
    );
    this.status = status;
    this.code = code;
    this.apiMessage = apiMessage;
    this.details = details;
  }
  status;
  code;
  apiMessage;
  details;
  name = "HcloudApiError";
};
var RETRY = { firstMs: 1e3, capMs: 15e3, jitter: 0.5 };
var MAX_PER_PAGE = 50;
var HcloudClient = class {
  constructor(options) {
    this.options = options;
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }
  options;
  sleep;
  now;
  rateLimitWaitedMs = 0;
  /** Set when the last response said no request is left: wait before sending the next. */
  pauseBeforeNextMs = 0;
  get(path, query = {}) {
    return this.request("GET", path, { query });
  }
  post(path, body) {
    return this.request("POST", path, { body });
  }
  delete(path) {
    return this.request("DELETE", path, {});
  }
  /** Every item of a list endpoint, following `meta.pagination.next_page`. */
  async list(path, key, query = {}) {
    const items = [];
    let page = 1;
    while (page) {
      const body = await this.get(path, {
        ...query,
        page: String(page),
        per_page: String(MAX_PER_PAGE)
      });
      const batch = body[key];
      if (!Array.isArray(batch))
        throw new Error(`Hetzner Cloud API: ${path} returned no "${key}" list`);
      items.push(...batch);
      const meta = body.meta;
      page = meta?.pagination?.next_page;
    }
    return items;
  }
  async request(method, path, { query = {}, body }) {
    const { signal } = this.options;
    const url = new URL(`${this.options.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const attempts = (this.options.retries ?? 5) + 1;
    const problem = (status, reason, text) => `${method} ${url.pathname}: ${status === void 0 ? reason : `HTTP ${String(status)} ${errorSummary(text ?? "")}`}`;
    for (; ; ) {
      throwIfAborted(signal);
      if (this.pauseBeforeNextMs > 0) {
        await this.waitRateLimit(this.pauseBeforeNextMs, "no requests left in this window");
        this.pauseBeforeNextMs = 0;
      }
      let response;
      try {
        response = await httpRequest(
          {
            method,
            url,
            headers: { authorization: `Bearer ${this.options.token}` },
            json: body,
            signal,
            timeoutMs: this.options.requestTimeoutMs ?? 3e4,
            attempts,
            retryOn: (status) => status >= 500,
            backoff: RETRY,
            onRetry: (retry) => {
              this.options.log?.(
                `${problem(retry.status, retry.reason, retry.text)}; retrying in ${(retry.delayMs / 1e3).toFixed(1)}s`
              );
            }
          },
          { fetch: realHttpDeps.fetch, sleep: this.sleep }
        );
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        throw unreachable(attempts, void 0, problem(void 0, error.reason, void 0));
      }
      this.notePause(response.headers);
      if (response.status === 429) {
        await this.waitRateLimit(
          this.rateLimitDelay(response.headers),
          "rate limit reached (HTTP 429)"
        );
        continue;
      }
      if (response.status >= 500) {
        throw unreachable(attempts, response.status, problem(response.status, "", response.text));
      }
      if (response.status < 200 || response.status > 299) {
        throw toApiError(response.status, response.text);
      }
      return response.text === "" ? {} : JSON.parse(response.text);
    }
  }
  /**
   * How long until one request is available again. RateLimit-Reset is when the bucket is full
   * again and it refills evenly, so one request takes (reset - now) / (limit - remaining).
   * Retry-After, when an API in front of Hetzner sends one, wins.
   */
  rateLimitDelay(headers) {
    const retryAfter = Number(headers.get("retry-after"));
    if (headers.has("retry-after") && Number.isFinite(retryAfter)) return retryAfter * 1e3;
    const limit = Number(headers.get("ratelimit-limit"));
    const remaining = Number(headers.get("ratelimit-remaining"));
    const reset = Number(headers.get("ratelimit-reset")) * 1e3;
    if (!(limit > 0) || !Number.isFinite(remaining) || !(reset > 0)) return 1e3;
    const missing = Math.max(1, limit - remaining);
    return Math.max(250, Math.ceil((reset - this.now()) / missing));
  }
  notePause(headers) {
    if (headers.get("ratelimit-remaining") === "0") {
      this.pauseBeforeNextMs = this.rateLimitDelay(headers);
    }
  }
  async waitRateLimit(ms, why) {
    const budget = this.options.rateLimitBudgetMs ?? 10 * 6e4;
    if (this.rateLimitWaitedMs + ms > budget) {
      throw new HttpError(
        `Hetzner Cloud API: ${why}, and waiting longer would exceed ${String(Math.round(budget / 1e3))}s spent waiting on rate limits; another job is probably using the same project's token heavily`,
        { status: 429 }
      );
    }
    this.rateLimitWaitedMs += ms;
    this.options.log?.(`Hetzner Cloud API: ${why}; waiting ${(ms / 1e3).toFixed(1)}s`);
    await this.sleep(ms, this.options.signal);
    throwIfAborted(this.options.signal);
  }
};
function fieldProblems(details) {
  const fields = details?.fields;
  if (!Array.isArray(fields)) return "";
  const parts = fields.map((field) => {
    const messages = Array.isArray(field.messages) ? field.messages.map(String).join(", ") : "";
    return `${String(field.name)}: ${messages}`;
  });
  return parts.length > 0 ? ` [${parts.join("; ")}]` : "";
}
function toApiError(status, text) {
  try {
    const parsed = JSON.parse(text);
    if (parsed.error?.message) {
      return new HcloudApiError(
        status,
        parsed.error.code ?? "unknown",
        parsed.error.message,
        parsed.error.details
      );
    }
  } catch {
  }
  return new HcloudApiError(status, "unknown", errorSummary(text) || "no error message", void 0);
}
function errorSummary(text) {
  try {
    const parsed = JSON.parse(text);
    if (parsed.error?.message) return parsed.error.message;
  } catch {
  }
  return text.slice(0, 200).replace(/\s+/g, " ").trim();
}
function unreachable(attempts, status, last) {
  return new HttpError(
    `Hetzner Cloud API unreachable after ${String(attempts)} attempts; last: ${last}`,
    { status }
  );
}

// src/provision/hcloud/provider.ts
var POLL = { firstMs: 1e3, capMs: 5e3, jitter: 0 };
var DELETE_TIMEOUT_MS = 6e4;
function hcloudProvider(options) {
  const { settings, signal, log } = options;
  const sleep = options.sleep ?? abortableSleep;
  const api = new HcloudClient({
    baseUrl: settings.apiUrl,
    token: settings.token,
    signal,
    sleep,
    log
  });
  async function waitForActions(actions, deadline) {
    for (const first of actions) {
      let action = first;
      for (let poll = 0; action.status === "running"; poll++) {
        if (Date.now() > deadline) {
          throw new Error(
            `the server's ${action.command} action was still running after ${action.command === "delete_server" ? "60s" : "create-timeout"} (${String(action.progress)}% done)`
          );
        }
        await sleep(backoffDelay(POLL, poll), signal);
        throwIfAborted(signal);
        ({ action } = await api.get(`/actions/${String(action.id)}`));
      }
      if (action.status === "error") {
        throw new Error(
          `Hetzner Cloud could not ${action.command.replace(/_/g, " ")}: ${action.error?.message ?? "no reason given"} (${action.error?.code ?? "error"})`
        );
      }
    }
  }
  async function findServerByName(name) {
    const servers = await api.list("/servers", "servers", { name });
    return servers.find((s) => s.name === name);
  }
  async function deleteQuietly(path, wait = true) {
    try {
      const body = await api.delete(path);
      if (wait && body.action) {
        await waitForActions([body.action], Date.now() + DELETE_TIMEOUT_MS);
      }
      return "destroyed";
    } catch (error) {
      if (error instanceof HcloudApiError && error.status === 404) return "gone";
      throw error;
    }
  }
  async function destroy(ref) {
    const id = ref.id ?? (await findServerByName(ref.name))?.id.toString();
    const server = id === void 0 ? "gone" : await deleteQuietly(`/servers/${id}`);
    const keyId = ref.extra?.sshKeyId;
    if (keyId !== void 0 && ref.extra?.sshKeyOwned === "true") {
      await deleteQuietly(`/ssh_keys/${keyId}`);
    }
    return server;
  }
  function toMachine(server, user, ref) {
    const ipv4 = server.public_net.ipv4?.ip;
    const ipv6 = server.public_net.ipv6?.ip.replace(/\/\d+$/, "").replace(/::$/, "::1");
    const hosts = ipv4 !== void 0 ? [ipv4] : ipv6 !== void 0 ? [ipv6] : [];
    return {
      ...ref,
      id: String(server.id),
      name: server.name,
      hosts,
      user,
      ...ipv4 === void 0 ? {} : { ipv4 },
      ...ipv6 === void 0 ? {} : { ipv6 },
      details: { status: server.status, created: server.created }
    };
  }
  return {
    name: "hcloud",
    async create(request) {
      const deadline = Date.now() + options.createTimeoutMs;
      const ref = { name: request.name, extra: {} };
      request.remember(ref);
      const sshKeys = [];
      if (request.publicKey !== void 0) {
        const key = await uploadKey(request);
        ref.extra = { sshKeyId: String(key.id), sshKeyOwned: String(key.owned) };
        request.remember(ref);
        sshKeys.push(key.id);
      }
      let created;
      try {
        created = await api.post("/servers", {
          name: request.name,
          server_type: settings.serverType,
          image: settings.image,
          ...settings.location === void 0 ? {} : { location: settings.location },
          ssh_keys: sshKeys,
          user_data: request.userData,
          labels: request.labels,
          start_after_create: true
        });
      } catch (error) {
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
      const { server } = await api.get(`/servers/${ref.id}`);
      return toMachine(server, request.user, ref);
    },
    async describe(ref) {
      try {
        const id = ref.id ?? (await findServerByName(ref.name))?.id.toString();
        if (id === void 0) return void 0;
        const { server } = await api.get(`/servers/${id}`);
        return toMachine(server, "", ref);
      } catch (error) {
        if (error instanceof HcloudApiError && error.status === 404) return void 0;
        throw error;
      }
    },
    destroy: (ref) => destroy(ref),
    async listOwnLeftovers(prefix) {
      const selector = `${LABELS.prefix}=${prefix},${LABELS.created}`;
      const found = [];
      const servers = await api.list("/servers", "servers", {
        label_selector: selector
      });
      const keys = await api.list("/ssh_keys", "ssh_keys", {
        label_selector: selector
      });
      for (const [kind, items] of [
        ["server", servers],
        ["ssh-key", keys]
      ]) {
        for (const item of items) {
          const createdAt = createdAtFromLabels(item.labels);
          if (createdAt === void 0 || item.labels[LABELS.prefix] !== prefix) continue;
          found.push({ kind, id: String(item.id), name: item.name, createdAt });
        }
      }
      return found;
    },
    async destroyLeftover(leftover) {
      await deleteQuietly(
        `/${leftover.kind === "server" ? "servers" : "ssh_keys"}/${leftover.id}`,
        false
      );
    },
    removeByHand(ref) {
      const target = ref.id ?? ref.name;
      const key = ref.extra?.sshKeyOwned === "true" && ref.extra.sshKeyId ? ` && hcloud ssh-key delete ${ref.extra.sshKeyId}` : "";
      return `hcloud server delete ${target}${key}  (or: curl -X DELETE -H "Authorization: Bearer $HCLOUD_TOKEN" ${settings.apiUrl}/servers/${target})`;
    }
  };
  async function uploadKey(request) {
    try {
      const { ssh_key } = await api.post("/ssh_keys", {
        name: request.name,
        public_key: request.publicKey,
        labels: request.labels
      });
      return { id: ssh_key.id, owned: true };
    } catch (error) {
      if (!(error instanceof HcloudApiError) || error.code !== "uniqueness_error" || !options.keyFingerprint) {
        throw error;
      }
      const [existing] = await api.list("/ssh_keys", "ssh_keys", {
        fingerprint: options.keyFingerprint
      });
      if (existing === void 0) throw error;
      log(`Using the project's existing SSH key "${existing.name}" (same fingerprint)`);
      return { id: existing.id, owned: false };
    }
  }
  async function cleanupAfter(ref, cause) {
    try {
      const result = await destroy(ref);
      log(
        result === "destroyed" ? `The half-made server ${ref.name} was destroyed` : `Nothing of ${ref.name} was left to destroy`
      );
    } catch (error) {
      log(
        `Could not clean up after the failed creation (${String(error)}); the post step will try again (cause: ${String(cause)})`
      );
    }
  }
}

// src/provision/local-provider.ts
function localProvider(options) {
  const docker = (args, signal) => runProgram("docker", args, { env: options.env, signal });
  const why = (r) => r.spawnError ?? (r.stderr.trim().split("\n").pop() || `exit code ${String(r.code)}`);
  return {
    name: "local",
    async create(request) {
      const info = await docker(
        ["info", "--format", "{{.ServerVersion}} {{.Swarm.LocalNodeState}}"],
        request.signal
      );
      if (info.code !== 0) {
        throw new Error(
          `the Docker engine on this runner does not answer (${why(info)}); use a runner with Docker, or another provider`
        );
      }
      const [version = "?", swarmState = "inactive"] = info.stdout.trim().split(/\s+/);
      request.log.info(`Docker engine ${version} answers; swarm: ${swarmState}`);
      const ref = { name: request.name, id: "localhost" };
      if (options.swarm && swarmState !== "active") {
        ref.extra = { swarmInitialized: "true" };
        request.remember(ref);
        const init = await docker(
          ["swarm", "init", "--advertise-addr", "127.0.0.1"],
          request.signal
        );
        if (init.code !== 0) throw new Error(`docker swarm init failed: ${why(init)}`);
        request.log.info("Initialised a single-node Docker Swarm");
      } else {
        request.remember(ref);
      }
      if (options.swarm) await ensureProxyNetwork(ref, request);
      return {
        ...ref,
        id: "localhost",
        hosts: ["localhost"],
        user: request.user,
        details: { docker: version, swarm: options.swarm ? "active" : swarmState }
      };
    },
    describe: () => Promise.resolve(void 0),
    async destroy(ref, signal) {
      if (ref.extra?.swarmInitialized !== "true") {
        if (ref.extra?.proxyCreated !== "true") return "gone";
        const rm = await docker(["network", "rm", PROXY_NETWORK], signal);
        if (rm.code !== 0) throw new Error(`docker network rm proxy failed: ${why(rm)}`);
        return "destroyed";
      }
      const leave = await docker(["swarm", "leave", "--force"], signal);
      if (leave.code !== 0) throw new Error(`docker swarm leave --force failed: ${why(leave)}`);
      return "destroyed";
    },
    listOwnLeftovers: () => Promise.resolve([]),
    destroyLeftover: () => Promise.resolve(),
    removeByHand: (ref) => ref.extra?.swarmInitialized === "true" ? "docker swarm leave --force" : ref.extra?.proxyCreated === "true" ? "docker network rm proxy" : "nothing to remove: the runner was used as it was"
  };
  async function ensureProxyNetwork(ref, request) {
    const known = await docker(["network", "inspect", PROXY_NETWORK], request.signal);
    if (known.code === 0) return;
    ref.extra = { ...ref.extra, proxyCreated: "true" };
    request.remember(ref);
    const made = await docker(
      [
        "network",
        "create",
        "--driver",
        "overlay",
        "--scope",
        "swarm",
        "--attachable",
        PROXY_NETWORK
      ],
      request.signal
    );
    if (made.code !== 0) throw new Error(`docker network create proxy failed: ${why(made)}`);
    request.log.info("Created the proxy overlay network");
  }
}
var PROXY_NETWORK = "proxy";

// src/provision/ssh-provider.ts
function sshProvider(hosts) {
  return {
    name: "ssh",
    create(request) {
      return Promise.resolve({
        name: request.name,
        id: hosts.join(","),
        hosts,
        user: request.user,
        details: { existing: true }
      });
    },
    describe: () => Promise.resolve(void 0),
    destroy: () => Promise.resolve("gone"),
    listOwnLeftovers: () => Promise.resolve([]),
    destroyLeftover: () => Promise.resolve(),
    removeByHand: () => "nothing to remove: the ssh provider uses a server that already existed"
  };
}

// src/provision/providers.ts
function makeProvider(settings, context, env, keyFingerprint) {
  const { log } = context;
  const childEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("INPUT_")));
  switch (settings.provider) {
    case "hcloud":
      if (settings.hcloud === void 0) throw new Error("hcloud settings missing");
      return hcloudProvider({
        settings: settings.hcloud,
        createTimeoutMs: settings.createTimeoutMs,
        signal: context.signal,
        ...keyFingerprint === void 0 ? {} : { keyFingerprint },
        mask: (secret) => {
          context.secrets.add(secret);
        },
        log: (message) => {
          log.info(message);
        }
      });
    case "command":
      return commandProvider({
        createCommand: settings.createCommand ?? "",
        destroyCommand: settings.destroyCommand ?? "",
        log,
        env: childEnv
      });
    case "local":
      return localProvider({ swarm: settings.swarm, log, env: childEnv });
    case "ssh":
      return sshProvider(settings.hosts);
  }
}

// src/provision/state.ts
var ProvisionState = {
  machine: "machine",
  keyPath: "key-path"
};
function saveMachineRef(state, ref) {
  state.setJson(ProvisionState.machine, ref);
}
function loadMachineRef(state) {
  const value = state.getJson(ProvisionState.machine);
  return value !== void 0 && typeof value.name === "string" ? value : void 0;
}

// src/actions/provision.ts
var provision = {
  name: "provision",
  async main(context) {
    const settings = readProvisionSettings(context.inputs);
    await (settings.mode === "janitor" ? runJanitor : createMachine)(context, settings);
  },
  async post(context) {
    const { inputs, state, log } = context;
    const ref = loadMachineRef(state);
    const keyPath = state.get(ProvisionState.keyPath);
    if (ref === void 0) {
      removeKeyFile(keyPath);
      log.info("provision: nothing was created, so there is nothing to destroy");
      return;
    }
    const settings = readProvisionSettings(inputs);
    const outcome = jobOutcome(state.get(WrapperState.mainOutcome), process.env);
    const provider = makeProvider(settings, context, process.env);
    if (shouldKeep(settings.keep, outcome)) {
      const seen = await provider.describe(ref).catch(() => void 0);
      const where = seen && seen.hosts.length > 0 ? ` at ${seen.hosts.join(" ")}` : "";
      log.notice(
        `provision: kept ${ref.name}${ref.id === void 0 ? "" : ` (id ${ref.id})`}${where} because keep is ${settings.keep} and the job's outcome was ${outcome}. Remove it by hand: ${provider.removeByHand(ref)}`
      );
      return;
    }
    removeKeyFile(keyPath);
    const bound = cleanupBound(recordedDeadline());
    const destroying = boundedSignal(context.signal, bound);
    try {
      const result = await provider.destroy(ref, destroying.signal);
      log.info(
        result === "destroyed" ? `provision: destroyed ${ref.name}${ref.id === void 0 ? "" : ` (id ${ref.id})`}` : `provision: ${ref.name} was already gone; nothing to destroy`
      );
    } catch (error) {
      const why = destroying.timedOut() ? `destroy did not finish within ${bound?.describe ?? ""}` : getErrorMessage(error);
      throw new Error(
        `could not destroy ${ref.name}${ref.id === void 0 ? "" : ` (id ${ref.id})`}: ${why}. Left behind: ${ref.name}. The janitor (mode: janitor) will remove it once older than max-age, or remove it by hand: ${provider.removeByHand(ref)}`,
        { cause: error }
      );
    }
  }
};
async function runJanitor(context, settings) {
  const provider = makeProvider(settings, context, process.env);
  const result = await sweep(provider, {
    prefix: settings.namePrefix,
    maxAgeMs: settings.maxAgeMs,
    dryRun: settings.dryRun,
    now: Date.now(),
    signal: context.signal
  });
  await context.publish(result.report);
  if (result.failed.length > 0) {
    throw new Error(
      `the janitor could not remove: ${result.failed.map((f) => `${f.leftover.kind} ${f.leftover.name} (${f.error})`).join("; ")}`
    );
  }
}
async function createMachine(context, settings) {
  const { secrets, state, log } = context;
  const env = process.env;
  const deadline = stepDeadline(context);
  const bound = deadline?.bound(void 0);
  if (bound !== void 0) log.info(`provision: the machine must be up within ${bound.describe}`);
  const creating = boundedSignal(context.signal, bound);
  const identity = runIdentity(settings.namePrefix, env);
  const key = prepareRunKey(settings.key, identity.name, env, (secret) => {
    secrets.add(secret);
  });
  if (key?.written) state.set(ProvisionState.keyPath, key.privateKeyPath);
  let userData;
  if (settings.userData !== void 0) {
    const rendered = renderUserData(settings.userData, {
      "public-key": key?.publicKey ?? "",
      name: identity.name,
      labels: identity.labels
    });
    if (typeof rendered !== "string") context.inputs.fail("user-data", rendered.problem);
    userData = rendered;
  }
  const provider = makeProvider(settings, context, env, key?.md5Fingerprint);
  log.info(`Provisioning ${identity.name} with provider ${provider.name}`);
  const machine = await createWithin(
    creating,
    bound?.describe ?? "",
    () => provider.create({
      name: identity.name,
      labels: identity.labels,
      user: settings.user,
      ...key === void 0 ? {} : { publicKey: key.publicKey, privateKeyPath: key.privateKeyPath },
      ...userData === void 0 ? {} : { userData },
      remember: (ref) => {
        saveMachineRef(state, ref);
      },
      signal: creating.signal,
      log
    })
  );
  writeOutputs(context, machine, key?.privateKeyPath ?? "", provider.name);
  await context.publish(
    new Report(`Provisioned ${machine.name}`).table(
      ["provider", "id", "hosts", "user", "keep"],
      [[provider.name, machine.id, machine.hosts.join(" "), machine.user, settings.keep]]
    )
  );
}
async function createWithin(creating, within, create) {
  try {
    return await create();
  } catch (error) {
    if (!creating.timedOut()) throw error;
    throw new Error(
      `the machine was not up within ${within}; the post step destroys what was made`,
      { cause: error }
    );
  }
}
function shouldKeep(keep, outcome) {
  return keep === "always" || keep === "on-failure" && outcome === "failure";
}
function writeOutputs({ outputs }, machine, privateKeyPath, provider) {
  outputs.set("hosts", machine.hosts.join("\n"));
  outputs.set("user", machine.user);
  outputs.set("private-key-path", privateKeyPath);
  outputs.set("id", machine.id);
  outputs.set("name", machine.name);
  outputs.set("target", {
    provider,
    id: machine.id,
    name: machine.name,
    hosts: machine.hosts,
    user: machine.user,
    "private-key-path": privateKeyPath,
    ...machine.ipv4 === void 0 ? {} : { ipv4: machine.ipv4 },
    ...machine.ipv6 === void 0 ? {} : { ipv6: machine.ipv6 },
    ...machine.details === void 0 ? {} : { details: machine.details }
  });
}
function removeKeyFile(path) {
  if (path !== void 0) rmSync2(dirname(path), { recursive: true, force: true });
}

export {
  provision
};
