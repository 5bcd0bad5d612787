import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  matrixOf,
  parseSelection,
  planReport,
  planTargets,
  skipped
} from "./targets-plan-4deb9eea.js";
import {
  readOidcSettings
} from "./oidc-settings-f5f40daf.js";
import {
  generateEd25519,
  readProvisionSettings
} from "./provision-settings-b2f573ed.js";
import {
  readReadinessSettings
} from "./readiness-settings-60a6ac44.js";
import {
  checkBackendInputs,
  readSuiteSettings
} from "./suite-backends-979c7991.js";
import {
  tierLabel
} from "./suite-tier-result-292ec093.js";
import {
  generateAppDomain,
  isDomainName,
  parseTargets
} from "./targets-spec-2780765a.js";
import {
  JOB_STATUS_VARIABLE
} from "./platform-job-outcome-916fe21d.js";
import {
  JOB_DEADLINE_VARIABLE,
  JOB_SLACK_MS,
  recordedDeadline
} from "./platform-job-deadline-bccb0779.js";
import {
  RUNNER_FILE_COMMANDS,
  runnerTemp
} from "./platform-run-origin-98ca828c.js";
import {
  Inputs,
  Report,
  require_dist,
  runProgram
} from "./yaml-80979275.js";
import {
  getErrorMessage
} from "./shared-duration-7abedc94.js";
import {
  __toESM
} from "./esbuild-runtime.js";

// src/cli/metadata.ts
var import_yaml = __toESM(require_dist(), 1);
function parseActionMetadata(text) {
  const doc = (0, import_yaml.parse)(text);
  return {
    name: doc.name,
    description: doc.description,
    inputs: Object.entries(doc.inputs ?? {}).map(([name, spec]) => ({
      name,
      description: spec.description ?? "",
      required: spec.required === true,
      default: scalarText(spec.default)
    })),
    outputs: Object.entries(doc.outputs ?? {}).map(([name, spec]) => ({
      name,
      description: spec.description ?? ""
    })),
    runs: doc.runs
  };
}
function scalarText(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === void 0 || value === null) return void 0;
  return JSON.stringify(value);
}
function formatHelp(action, metadata) {
  const lines = [`recipe-ci ${action} [main|post] [--input value]\u2026`, "", metadata.description, ""];
  lines.push("Inputs:");
  for (const input of metadata.inputs) {
    const extra = input.required ? " (required)" : input.default ? ` (default: ${input.default})` : "";
    lines.push(`  --${input.name}${extra}`, `      ${input.description}`);
  }
  lines.push("", "Outputs (printed as JSON on stdout):");
  for (const output of metadata.outputs) lines.push(`  ${output.name}: ${output.description}`);
  return `${lines.join("\n")}
`;
}

// src/platform/step-channel.ts
import { writeSync } from "node:fs";
var STEP_CHANNEL_VARIABLE = "RECIPE_CI_MASK_FD";
function tellParent(env, event) {
  const fd = Number(env[STEP_CHANNEL_VARIABLE] ?? Number.NaN);
  if (Number.isInteger(fd) && fd > 2) writeSync(fd, encodeStepEvent(event));
}
function encodeStepEvent(event) {
  return `${JSON.stringify(event)}
`;
}
function parseStepEvent(line) {
  let parsed;
  try {
    parsed = JSON.parse(line);
  } catch {
    return void 0;
  }
  if (typeof parsed !== "object" || parsed === null) return void 0;
  const { kind, value, message } = parsed;
  if (kind === "secret" && typeof value === "string" && value !== "") return { kind, value };
  if ((kind === "warning" || kind === "error" || kind === "leftover") && typeof message === "string") {
    return { kind, message };
  }
  return void 0;
}

// src/run/run-values.ts
import { resolve } from "node:path";
var RUN_SECRETS = [
  "ssh-private-key",
  "hcloud-token",
  "keycloak-admin-client-secret",
  "keycloak-admin-password"
];
function secretVariable(input) {
  return input.toUpperCase().replace(/-/g, "_");
}
var PATH_INPUTS = /* @__PURE__ */ new Set(["recipe-path"]);
function runValuesOf(inputs, env, onSecret) {
  const secrets = /* @__PURE__ */ new Map();
  for (const name of RUN_SECRETS) {
    const given = inputs.secret(name);
    if (given !== void 0) secrets.set(name, given);
    else {
      const fromEnv = env[secretVariable(name)]?.trim();
      if (fromEnv) {
        onSecret(fromEnv);
        secrets.set(name, fromEnv);
      }
    }
  }
  return {
    get: (name) => {
      const value = inputs.string(name) ?? "";
      return PATH_INPUTS.has(name) && value !== "" ? resolve(value) : value;
    },
    secret: (name) => secrets.get(name)
  };
}
function stepBaseEnv(env) {
  const dropped = /* @__PURE__ */ new Set([
    ...RUN_SECRETS.map(secretVariable),
    "RECIPE_CI_JOB_STATUS",
    STEP_CHANNEL_VARIABLE,
    ...RUNNER_FILE_COMMANDS
  ]);
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith("INPUT_") && !dropped.has(name))
  );
}

// src/actions/run.ts
import { mkdirSync as mkdirSync3, mkdtempSync, readFileSync as readFileSync4, rmSync } from "node:fs";
import { join as join5, resolve as resolve2 } from "node:path";

// src/run/bounded.ts
async function mapBounded(items, limit, task) {
  const results = new Array(items.length);
  const errors = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index], index);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length > 0) throw errors[0];
  return results;
}

// src/run/chain-inputs.ts
var TARGET_OVERRIDES = [
  "provider",
  "host",
  "user",
  "image",
  "server-type",
  "location",
  "user-data",
  "create-command",
  "destroy-command"
];
var Builder = class {
  constructor(target) {
    this.target = target;
  }
  target;
  step = { inputs: {}, secrets: {}, sources: {} };
  set(name, value, source) {
    if (value !== "") {
      this.step.inputs[name] = value;
      this.step.sources[name] = source;
    }
    return this;
  }
  fromRun(run, name, runName = name) {
    return this.set(name, run.get(runName), runName);
  }
  /** `matrix.x || inputs.x`. */
  overridden(run, entry, name) {
    const own = entry[name];
    if (typeof own === "string" && own.trim() !== "") {
      return this.set(name, own.trim(), `targets (${this.target}'s ${name})`);
    }
    return this.fromRun(run, name);
  }
  secret(name, value, source) {
    if (value !== void 0) {
      this.step.secrets[name] = value;
      this.step.sources[name] = source;
    }
    return this;
  }
};
function providerOf(run, entry) {
  const own = entry.provider;
  return typeof own === "string" && own.trim() !== "" ? own.trim() : run.get("provider");
}
function jobTimeout(run) {
  const minutes = run.get("timeout-minutes");
  return minutes === "" ? "" : `${minutes}m`;
}
function provisionInputs(run, entry) {
  const b = new Builder(targetName(entry));
  for (const name of TARGET_OVERRIDES) b.overridden(run, entry, name);
  return b.set("swarm", run.get("backend") === "abra" ? "true" : "false", "backend").fromRun(run, "keep").set("job-timeout", jobTimeout(run), "timeout-minutes").secret("private-key", run.secret("ssh-private-key"), "ssh-private-key").secret("hcloud-token", run.secret("hcloud-token"), "hcloud-token").step;
}
function readinessInputs(run, entry, from) {
  return new Builder(targetName(entry)).set("hosts", from.hosts, "provision").set("user", from.user, "provision").set("private-key-path", from.privateKeyPath, "provision").fromRun(run, "timeout", "readiness-timeout").fromRun(run, "http", "readiness-http").fromRun(run, "cloud-init", "readiness-cloud-init").set("job-timeout", jobTimeout(run), "timeout-minutes").step;
}
function oidcRealmInputs(run, entry, envFile) {
  const domain = typeof entry.domain === "string" ? entry.domain : "";
  const redirect = run.get("oidc-redirect-uris") || domain && `https://${domain}/*`;
  return new Builder(targetName(entry)).fromRun(run, "keycloak-url").fromRun(run, "admin-client-id", "keycloak-admin-client-id").fromRun(run, "admin-username", "keycloak-admin-username").set("redirect-uris", redirect, "oidc-redirect-uris").set("web-origins", domain && `https://${domain}`, "base-domain").fromRun(run, "env-map", "oidc-env-map").set("env-file", envFile, "the run").set("job-timeout", jobTimeout(run), "timeout-minutes").secret(
    "admin-client-secret",
    run.secret("keycloak-admin-client-secret"),
    "keycloak-admin-client-secret"
  ).secret("admin-password", run.secret("keycloak-admin-password"), "keycloak-admin-password").step;
}
function recipeSuiteInputs(run, entry, from, envFile) {
  const local = providerOf(run, entry) === "local";
  const server = typeof entry.server === "string" ? entry.server : local ? "local" : "";
  const domain = typeof entry.domain === "string" ? entry.domain : "";
  const b = new Builder(targetName(entry)).fromRun(run, "recipe").fromRun(run, "recipe-path").fromRun(run, "backend").set("server", server, `targets (${targetName(entry)}'s server)`).set("domain", domain, "base-domain").fromRun(run, "base-domain").fromRun(run, "config").fromRun(run, "tiers").fromRun(run, "previous").set("env-file", envFile ?? "", "the run").fromRun(run, "keep").set("target", targetName(entry), "targets").set("job-timeout", jobTimeout(run), "timeout-minutes");
  if (!local && from !== void 0) {
    b.set("host", from.hosts, "provision").set("user", from.user, "provision").set("private-key-path", from.privateKeyPath, "provision").set("known-hosts", from.knownHosts, "readiness");
  }
  return b.step;
}
function targetName(entry) {
  return typeof entry.target === "string" ? entry.target : "?";
}

// src/run/preflight.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";
function placeholders() {
  return { hosts: "192.0.2.1", user: "root", privateKeyPath: "", knownHosts: "" };
}
function checkChainInputs(run, label, entries, packageRoot) {
  const defaults = (action) => {
    const metadata = parseActionMetadata(
      readFileSync(join(packageRoot, "actions", action, "action.yml"), "utf8")
    );
    return new Map(
      metadata.inputs.flatMap((i) => i.default === void 0 ? [] : [[i.name, i.default]])
    );
  };
  const over = (action, step) => {
    const fallback = defaults(action);
    return new Inputs({
      get: (name) => step.inputs[name] ?? step.secrets[name] ?? fallback.get(name),
      label: (name) => {
        const source = step.sources[name];
        if (source === void 0) return `${action}'s input "${name}"`;
        return source.startsWith("targets (") ? source : label(source);
      },
      onSecret: () => void 0
    });
  };
  const key = generateEd25519("recipe-ci-preflight").private;
  for (const entry of entries) {
    const handedOn = placeholders();
    readProvisionSettings(over("provision", provisionInputs(run, entry)));
    if (providerOf(run, entry) !== "local") {
      const readiness = readinessInputs(run, entry, handedOn);
      delete readiness.inputs["private-key-path"];
      readiness.secrets["private-key"] = key;
      readReadinessSettings(over("readiness", readiness));
    }
    if (run.get("keycloak-url") !== "") {
      readOidcSettings(over("oidc-realm", oidcRealmInputs(run, entry, "/dev/null")));
    }
    const suite = over("recipe-suite", recipeSuiteInputs(run, entry, handedOn, void 0));
    checkBackendInputs(readSuiteSettings(suite), suite);
  }
}

// src/run/run-result.ts
import { copyFileSync, existsSync, mkdirSync, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import { basename, dirname, join as join2 } from "node:path";
function collectResults(saved, resultsDir, redact) {
  const dir = join2(resultsDir, targetName(saved.entry));
  const copy = (from, name) => {
    if (from === void 0 || !existsSync(from)) return null;
    mkdirSync(dir, { recursive: true });
    const to = join2(dir, name);
    writeFileSync(to, redact(readFileSync2(from, "utf8")));
    return to;
  };
  const results = copy(saved.results, "results.json");
  if (saved.results !== void 0 && results !== null) copyScreenshot(saved.results, dir);
  return { results, junit: copy(saved.junit, "junit.xml") };
}
function copyScreenshot(from, dir) {
  let file;
  try {
    file = JSON.parse(readFileSync2(from, "utf8")).screenshot?.file;
  } catch {
    return;
  }
  if (typeof file !== "string" || basename(file) !== file) return;
  const source = join2(dirname(from), file);
  if (existsSync(source)) copyFileSync(source, join2(dir, file));
}
function runStatusOf(targets, cancelled, leftovers = []) {
  if (cancelled || targets.some((t) => t.status === "cancelled")) return "cancelled";
  if (targets.some((t) => t.status === "failed") || leftovers.length > 0) return "failed";
  return "passed";
}
function runReport(result) {
  const report = new Report(`recipe-ci run: ${result.status}`).table(
    ["target", "status", "why", "results"],
    result.targets.map((t) => [t.target, t.status, t.reason || "\u2014", t.results ?? "\u2014"])
  );
  if (result.skipped.length > 0)
    report.text(`Skipped (not selected): ${result.skipped.join(", ")}`);
  if (result.leftovers.length > 0) {
    report.text(`Left behind:
${result.leftovers.map((l) => `- ${l}`).join("\n")}`);
  }
  return report;
}

// src/run/step-process.ts
import { join as join3 } from "node:path";
var MASK_FD = 3;
function stateFileOf(workDir, action) {
  return join3(workDir, "state", `${action}.state.json`);
}
async function runStepProcess(action, phase, inputs, options) {
  const log = [];
  const said = { warnings: [], errors: [], leftovers: [] };
  const summaryFile = join3(options.workDir, "summary", `${action}-${phase}.md`);
  const args = [
    options.cli,
    action,
    phase,
    "--state-file",
    stateFileOf(options.workDir, action),
    "--summary-file",
    summaryFile
  ];
  const result = await runProgram(process.execPath, args, {
    env: { ...options.env, ...inputVariables(inputs), [STEP_CHANNEL_VARIABLE]: String(MASK_FD) },
    // A post step is never cancelled: it is the cleanup.
    signal: phase === "main" ? options.signal : void 0,
    // A cancelled step still stops its own work in order, as on a runner: give it the slack.
    killGraceMs: JOB_SLACK_MS,
    keepStdoutChars: 1024 * 1024,
    onLine: (line, stream) => {
      if (stream !== "stderr") return;
      log.push(line);
      options.onLine(line);
    },
    onChannel: (line) => {
      const event = parseStepEvent(line);
      if (event === void 0) return;
      if (event.kind === "secret") options.onSecret(event.value);
      else if (event.kind === "leftover") said.leftovers.push(event.message);
      else {
        said[event.kind === "warning" ? "warnings" : "errors"].push(event.message);
        options.onVerdict(event.kind, event.message);
      }
    }
  });
  const outputs = parseOutputs(result.stdout);
  let code = result.code ?? 130;
  if (outputs === void 0 && code === 0) {
    code = 1;
    said.errors.push(`${action} ${phase} exited 0 but printed no outputs`);
  }
  return {
    action,
    phase,
    code,
    outputs: outputs ?? {},
    log,
    ...said,
    summaryFile,
    seconds: result.durationMs / 1e3
  };
}
function inputVariables(inputs) {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [
      `INPUT_${name.toUpperCase().replace(/-/g, "_")}`,
      value
    ])
  );
}
function parseOutputs(stdout) {
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return void 0;
  }
  if (typeof parsed !== "object" || parsed === null) return void 0;
  return Object.fromEntries(
    Object.entries(parsed).filter((e) => typeof e[1] === "string")
  );
}

// src/run/target-chain.ts
import { existsSync as existsSync2, mkdirSync as mkdirSync2, readFileSync as readFileSync3 } from "node:fs";
import { join as join4 } from "node:path";
var SECRET_OUTPUTS = /* @__PURE__ */ new Set(["client-secret", "password", "private-key"]);
async function runTargetMain(entry, workDir, options) {
  const { run } = options;
  mkdirSync2(join4(workDir, "summary"), { recursive: true });
  const saved = {
    entry,
    workDir,
    started: [],
    handedOn: void 0,
    envFile: void 0,
    status: "passed",
    reason: "",
    results: void 0,
    junit: void 0,
    summaries: [],
    steps: [],
    deadline: options.deadline
  };
  const step = async (action, given) => {
    saved.started.push(action);
    options.onChange(saved);
    const result = await stepOf(action, "main", given, workDir, options);
    saved.steps.push({ step: `${action} main`, code: result.code, seconds: result.seconds });
    if (existsSync2(result.summaryFile)) saved.summaries.push(result.summaryFile);
    options.onChange(saved);
    return result;
  };
  const stop = (result) => {
    saved.status = result.code === 130 || options.signal.aborted ? "cancelled" : "failed";
    saved.reason ||= result.errors.at(-1) ?? `${result.action} exited ${String(result.code)}`;
    options.onChange(saved);
    return saved;
  };
  const cancelledBefore = (next) => {
    if (!options.signal.aborted) return false;
    saved.status = "cancelled";
    saved.reason ||= `cancelled before ${next}`;
    options.onChange(saved);
    return true;
  };
  if (cancelledBefore("provision")) return saved;
  const provision = await step("provision", provisionInputs(run, entry));
  if (provision.code !== 0) return stop(provision);
  const handedOn = {
    hosts: provision.outputs.hosts ?? "",
    user: provision.outputs.user ?? "",
    privateKeyPath: provision.outputs["private-key-path"] ?? "",
    knownHosts: ""
  };
  saved.handedOn = handedOn;
  if (providerOf(run, entry) !== "local") {
    if (cancelledBefore("readiness")) return saved;
    const readiness = await step("readiness", readinessInputs(run, entry, handedOn));
    if (readiness.code !== 0) return stop(readiness);
    handedOn.knownHosts = readiness.outputs["known-hosts"] ?? "";
  }
  if (run.get("keycloak-url") !== "") {
    if (cancelledBefore("oidc-realm")) return saved;
    const envFile = join4(workDir, "oidc.env");
    const realm = await step("oidc-realm", oidcRealmInputs(run, entry, envFile));
    if (realm.code === 130) return stop(realm);
    if (realm.code === 0) saved.envFile = envFile;
    else {
      saved.status = "failed";
      saved.reason = "oidc-realm failed; the tiers ran without its env file";
      options.print(
        "  (oidc-realm failed; the tiers run without its settings, as in the workflow)"
      );
    }
  }
  if (cancelledBefore("recipe-suite")) return saved;
  const suite = await step("recipe-suite", recipeSuiteInputs(run, entry, handedOn, saved.envFile));
  saved.results = suite.outputs.results || void 0;
  saved.junit = suite.outputs.junit || void 0;
  if (suite.code !== 0) return stop(suite);
  options.onChange(saved);
  return saved;
}
async function runTargetPosts(saved, options) {
  const { run, entry } = { run: options.run, entry: saved.entry };
  const env = {
    ...options.env,
    ...saved.status === "passed" ? {} : { [JOB_STATUS_VARIABLE]: "failure" }
  };
  const inputsOf = {
    provision: () => provisionInputs(run, entry),
    "oidc-realm": () => oidcRealmInputs(run, entry, join4(saved.workDir, "oidc.env")),
    "recipe-suite": () => recipeSuiteInputs(run, entry, saved.handedOn, void 0)
  };
  const left = [];
  for (const action of [...saved.started].reverse()) {
    const given = inputsOf[action];
    if (given === void 0) continue;
    const result = await stepOf(action, "post", given(), saved.workDir, {
      ...options,
      env,
      deadline: saved.deadline
    });
    saved.steps.push({ step: `${action} post`, code: result.code, seconds: result.seconds });
    if (existsSync2(result.summaryFile)) saved.summaries.push(result.summaryFile);
    if (result.code !== 0 || result.leftovers.length > 0) {
      left.push(
        `${targetName(entry)}: ${action} post: ${result.leftovers.join(" / ") || result.errors.at(-1) || `exit ${String(result.code)}`}`
      );
    }
  }
  return left;
}
async function stepOf(action, phase, given, workDir, options) {
  options.print("");
  options.print(`\u25B6 ${action} ${phase}`);
  const env = {
    ...options.env,
    RUNNER_TEMP: workDir,
    [JOB_DEADLINE_VARIABLE]: new Date(options.deadline).toISOString()
  };
  const result = await options.runStep(
    action,
    phase,
    { ...given.inputs, ...given.secrets },
    {
      cli: options.cli,
      workDir,
      env,
      signal: options.signal,
      onSecret: options.onSecret,
      onLine: options.printOutput,
      onVerdict: options.warn
    }
  );
  const hidden = options.secretOutputs ?? SECRET_OUTPUTS;
  const shown = Object.entries(result.outputs).map(
    ([name, value]) => `${name}=${hidden.has(name) ? "***" : oneLine(value)}`
  );
  if (shown.length > 0) options.print(`  outputs: ${shown.join("  ")}`);
  if (action === "recipe-suite" && phase === "main") printTiers(result, options.print);
  const verdict = result.code === 0 ? "\u2714" : result.code === 130 ? "\u25A0 cancelled" : `\u2718 exit ${String(result.code)}`;
  options.print(`${verdict} ${action} ${phase} (${result.seconds.toFixed(1)} s)`);
  return result;
}
function printTiers(result, print) {
  const file = result.outputs.results;
  if (!file || !existsSync2(file)) return;
  const parsed = JSON.parse(readFileSync3(file, "utf8"));
  print(
    `  results.json: ${(parsed.tiers ?? []).map((t) => `${tierLabel(t)} ${t.status}`).join(", ")}`
  );
}
function oneLine(value) {
  const flat = value.replace(/\s*\n\s*/g, " \u23CE ");
  return flat.length > 90 ? `${flat.slice(0, 87)}\u2026` : flat;
}

// src/actions/run.ts
var STATE_RUN = "run";
var STATE_RESULT = "run-result";
function createRunAction(packageRoot, runStep = runStepProcess) {
  const chain = { cli: join5(packageRoot, "dist", "cli.js"), runStep };
  return {
    name: "run",
    main: (context) => runMain(context, packageRoot, chain),
    post: (context) => runPost(context, chain)
  };
}
async function runMain(context, packageRoot, chain) {
  const { inputs, outputs, state, publish, signal, secrets, platform } = context;
  const run = runValuesOf(inputs, process.env, (value) => secrets.add(value));
  const timeoutMinutes = inputs.defaulted(
    "timeout-minutes",
    inputs.integer("timeout-minutes", { min: 1, max: 7 * 24 * 60 })
  );
  const maxParallel = inputs.defaulted(
    "max-parallel",
    inputs.integer("max-parallel", { min: 1, max: 20 })
  );
  const resultsDir = resolve2(inputs.defaulted("results-dir", inputs.string("results-dir")));
  const raw = inputs.yaml("targets");
  if (raw === void 0) inputs.required("targets", "give a YAML list of target names");
  const list = parseTargets(raw, (problem) => inputs.fail("targets", problem));
  const selection = parseSelection(
    inputs.string("target"),
    list,
    (problem) => inputs.fail("target", problem)
  );
  const plan = planTargets(list, selection, platform.eventName);
  const base = inputs.string("base-domain");
  if (base !== void 0 && !isDomainName(base)) {
    inputs.fail("base-domain", `"${base}" is not a domain name`);
  }
  const recipe = inputs.required("recipe", "give the recipe's name");
  const matrix = matrixOf(
    plan,
    base === void 0 ? void 0 : () => generateAppDomain(recipe, base)
  );
  const entries = matrix.include;
  checkChainInputs(run, (name) => inputs.label(name), entries, packageRoot);
  await publish(planReport(plan));
  const skippedNames = skipped(plan).map((t) => t.name);
  outputs.set("selected", entries.map(targetName).join(","));
  outputs.set("skipped", skippedNames.join(","));
  outputs.set("results-dir", resultsDir);
  const workRoot = mkdtempSync(join5(runnerTemp(), "recipe-ci-run-"));
  const saved = { workRoot, targets: [] };
  const save = () => state.setJson(STATE_RUN, saved);
  save();
  const outer = recordedDeadline();
  const sideBySide = entries.length > 1 && maxParallel > 1;
  const finished = await mapBounded(entries, maxParallel, async (entry, index) => {
    const workDir = join5(workRoot, String(index));
    mkdirSync3(workDir);
    const deadline = Math.min(Date.now() + timeoutMinutes * 6e4, outer?.at ?? Infinity);
    return runTargetMain(entry, workDir, {
      ...chainOptions(context, chain, sideBySide ? `[${targetName(entry)}] ` : ""),
      run,
      deadline,
      onChange: (target) => {
        saved.targets[index] = target;
        save();
      }
    });
  });
  mkdirSync3(resultsDir, { recursive: true });
  const result = {
    status: runStatusOf(finished, signal.aborted),
    targets: finished.map((target) => ({
      target: targetName(target.entry),
      status: target.status,
      reason: target.reason,
      ...collectResults(target, resultsDir, (text) => secrets.redact(text))
    })),
    skipped: skippedNames,
    leftovers: []
  };
  state.set(STATE_RESULT, JSON.stringify(result));
  outputs.set("status", result.status);
  outputs.set("result", JSON.stringify(result));
  await publish(runReport(result));
  for (const target of finished) await appendSummaries(context, target);
  if (signal.aborted) throw signal.reason;
  const failed = result.targets.filter((t) => t.status !== "passed");
  if (failed.length > 0) {
    throw new Error(failed.map((t) => `${t.target} ${t.status} (${t.reason})`).join("; "));
  }
}
async function runPost(context, chain) {
  const { inputs, outputs, state, log, publish, secrets } = context;
  const saved = state.getJson(STATE_RUN);
  if (saved === void 0) {
    log.info("run: no target was started, so there is nothing to clean up");
    return;
  }
  const run = runValuesOf(inputs, process.env, (value) => secrets.add(value));
  const maxParallel = inputs.integer("max-parallel", { min: 1, max: 20 }) ?? 1;
  const targets = saved.targets.filter((t) => t !== null && t !== void 0);
  const sideBySide = targets.length > 1 && maxParallel > 1;
  const left = (await mapBounded(
    targets,
    maxParallel,
    (target) => runTargetPosts(target, {
      ...chainOptions(context, chain, sideBySide ? `[${targetName(target.entry)}] ` : ""),
      run,
      deadline: target.deadline
    }).catch((error) => [
      `${targetName(target.entry)}: its post steps stopped (${getErrorMessage(error)}); what its main steps made may be left behind`
    ])
  )).flat();
  for (const target of targets) await appendSummaries(context, target, "post");
  try {
    rmSync(saved.workRoot, { recursive: true, force: true });
  } catch (error) {
    left.push(`${saved.workRoot}: ${String(error)}`);
  }
  const before = state.get(STATE_RESULT);
  if (before !== void 0) {
    const result = JSON.parse(before);
    result.leftovers = left;
    result.status = runStatusOf(result.targets, result.status === "cancelled", left);
    outputs.set("status", result.status);
    outputs.set("result", JSON.stringify(result));
  }
  outputs.set("leftovers", left.join("\n"));
  if (left.length === 0) {
    log.info("run: every post step ran; nothing was left behind");
    return;
  }
  await publish(runReport({ status: "failed", targets: [], skipped: [], leftovers: left }));
  for (const line of left) log.warning(`left behind: ${line}`);
}
function chainOptions(context, chain, prefix) {
  const { log, secrets } = context;
  return {
    ...chain,
    env: stepBaseEnv(process.env),
    // Post steps are never cancelled (step-process.ts); main's are, with the run.
    signal: context.phase === "main" ? context.signal : new AbortController().signal,
    print: (line) => log.info(`${prefix}${line}`),
    printOutput: (line) => log.output(`${prefix}${line}`),
    warn: (level, message) => log[level](`${prefix}${message}`),
    onSecret: (value) => secrets.add(value)
  };
}
async function appendSummaries(context, target, phase = "main") {
  for (const file of target.summaries.filter((f) => f.endsWith(`-${phase}.md`))) {
    await context.appendSummary(readFileSync4(file, "utf8"));
  }
}

export {
  parseActionMetadata,
  formatHelp,
  tellParent,
  RUN_SECRETS,
  secretVariable,
  createRunAction
};
