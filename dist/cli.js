#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  reconcileAction
} from "./chunks/actions-reconcile-f7188bfc.js";
import {
  report
} from "./chunks/report-card-7f79881f.js";
import "./chunks/platform-forge-api-d2af8fab.js";
import {
  RUN_SECRETS,
  createRunAction,
  formatHelp,
  parseActionMetadata,
  secretVariable,
  tellParent
} from "./chunks/actions-run-6dd061dc.js";
import {
  targets
} from "./chunks/actions-targets-de0983b0.js";
import "./chunks/targets-plan-4deb9eea.js";
import {
  oidcRealm
} from "./chunks/oidc-admin-api-578150b7.js";
import "./chunks/oidc-settings-f5f40daf.js";
import {
  provision
} from "./chunks/provision-hcloud-provider-ade4e9fb.js";
import "./chunks/provision-settings-b2f573ed.js";
import "./chunks/shared-http-client-65d83f5e.js";
import "./chunks/shared-slug-e35b7b1b.js";
import {
  readiness
} from "./chunks/readiness-gate-cloud-init-1b58fcfa.js";
import "./chunks/readiness-settings-60a6ac44.js";
import {
  namedSecretValues,
  recipeSuite
} from "./chunks/actions-recipe-suite-886ba4e4.js";
import "./chunks/recipe-config-e15310e6.js";
import "./chunks/platform-run-links-e1f14709.js";
import "./chunks/suite-backends-979c7991.js";
import "./chunks/semver-cd12f637.js";
import "./chunks/suite-tier-result-292ec093.js";
import "./chunks/recipe-recipe-name-ed2dffb3.js";
import "./chunks/targets-spec-2780765a.js";
import "./chunks/platform-job-outcome-916fe21d.js";
import "./chunks/ssh-session-019b14d3.js";
import "./chunks/http-probe-3bad484c.js";
import "./chunks/readiness-hosts-9081ef0d.js";
import "./chunks/http-spec-8eeeef8b.js";
import "./chunks/ssh2-e1848cd0.js";
import "./chunks/shared-backoff-e8835d09.js";
import "./chunks/platform-job-deadline-bccb0779.js";
import "./chunks/platform-run-origin-98ca828c.js";
import "./chunks/shared-sleep-31158bea.js";
import {
  ExitCode,
  Secrets,
  endRunningPrograms,
  runStep
} from "./chunks/yaml-80979275.js";
import {
  ConfigurationError,
  getErrorMessage
} from "./chunks/shared-duration-7abedc94.js";
import "./chunks/esbuild-runtime.js";

// src/cli.ts
import { mkdtempSync, readFileSync as readFileSync2, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// src/actions/index.ts
var actions = {
  provision,
  readiness,
  "oidc-realm": oidcRealm,
  "recipe-suite": recipeSuite,
  reconcile: reconcileAction,
  targets,
  report
};

// src/cli/args.ts
var OWN_OPTIONS = /* @__PURE__ */ new Set(["state-file", "summary-file"]);
function parseArgs(argv) {
  const result = {
    action: void 0,
    phase: "main",
    phaseGiven: false,
    help: false,
    stateFile: void 0,
    summaryFile: void 0,
    inputs: /* @__PURE__ */ new Map()
  };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") {
      result.help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    let value = eq === -1 ? void 0 : arg.slice(eq + 1);
    if (value === void 0) {
      value = argv[i + 1];
      if (value === void 0 || value.startsWith("--") && value.length > 2) {
        throw new ConfigurationError(
          `--${name} needs a value: --${name} VALUE or --${name}=VALUE.`
        );
      }
      i++;
    }
    if (name === "state-file") result.stateFile = value;
    else if (name === "summary-file") result.summaryFile = value;
    else if (result.inputs.has(name)) {
      throw new ConfigurationError(`--${name} was given twice; give it once.`);
    } else result.inputs.set(name, value);
  }
  const [action, phase, ...extra] = positional;
  result.action = action;
  if (phase !== void 0) {
    if (phase !== "main" && phase !== "post") {
      throw new ConfigurationError(`"${phase}" is not a step; use main (the default) or post.`);
    }
    result.phase = phase;
    result.phaseGiven = true;
  }
  if (extra.length > 0) {
    throw new ConfigurationError(
      `unexpected argument "${extra.join(" ")}"; inputs are --name value.`
    );
  }
  return result;
}
function checkInputNames(action, given, known) {
  for (const name of given) {
    if (known.has(name) || OWN_OPTIONS.has(name)) continue;
    throw new ConfigurationError(
      `--${name} is not an input of ${action}; its inputs are: ${[...known].map((n) => `--${n}`).join(", ")}.`
    );
  }
}

// src/platform/cli-runner.ts
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
function createCliRunner(options) {
  const { flags, defaults, env, stateFile, summaryFile, write } = options;
  const tell = (event) => {
    tellParent(env, event);
  };
  const redaction = new Secrets((value) => {
    tell({ kind: "secret", value });
  });
  const knownSecrets = namedSecretValues(Object.entries(env));
  for (const value of knownSecrets) redaction.add(value);
  const emit = (prefix, message) => {
    write(`${prefix}${redaction.redact(message)}
`);
  };
  const verdict = (kind, message) => {
    emit(kind === "error" ? "error: " : "warning: ", message);
    tell({ kind, message: redaction.redact(message) });
  };
  const state = readState(stateFile);
  const outputs = {};
  const inputs = {
    get: (name) => flags.get(name) ?? env[`INPUT_${name.toUpperCase()}`] ?? env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`] ?? defaults.get(name),
    label: (name) => `--${name}`,
    onSecret: () => void 0
  };
  const log = {
    debug: (message) => {
      if (env.RUNNER_DEBUG === "1") emit("debug: ", message);
    },
    info: (message) => {
      emit("", message);
    },
    notice: (message) => {
      emit("notice: ", message);
    },
    warning: (message) => {
      verdict("warning", message);
    },
    error: (message) => {
      verdict("error", message);
    },
    // Indented, so that it reads as what a program said and not as one of our lines.
    output: (text) => {
      emit("", text.replace(/^/gm, "    "));
    }
  };
  return {
    platform: {
      kind: "cli",
      rendersSummary: false,
      apiUrl: void 0,
      // A person at a prompt has none: what they name is their choice, as in a dispatch.
      eventName: ciEventName(env)
    },
    inputs,
    log,
    outputs,
    knownSecrets,
    mask: (value) => {
      redaction.add(value);
    },
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    // No later steps to reach outside a runner: the calling process passes it on (recipe-ci run).
    exportVariable: (name, value) => {
      env[name] = value;
      process.env[name] = value;
    },
    saveState: (key, value) => {
      state[key] = value;
      mkdirSync(dirname(stateFile), { recursive: true, mode: 448 });
      writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}
`, { mode: 384 });
    },
    getState: (key) => state[key],
    group: async (title, fn) => {
      emit("\u25B8 ", title);
      try {
        return await fn();
      } finally {
        emit("\u25C2 ", title);
      }
    },
    appendSummary: (markdown) => {
      if (summaryFile) appendFileSync(summaryFile, redaction.redact(markdown));
      return Promise.resolve();
    },
    fail: (message) => {
      verdict("error", message);
    },
    leftover: (message) => {
      verdict("leftover", message);
    }
  };
}
function readState(file) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return {};
    throw new Error(
      `the state file ${file} cannot be read (${getErrorMessage(error)}), so this step cannot tell what its main step made: a machine, realm or app it created may be left behind. Find its name in the main step's log and remove it by hand (or run the janitor, mode: janitor), then delete the file.`
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      `the state file ${file} holds no JSON object; what its main step made may be left behind: find its name in the main step's log and remove it by hand (or run the janitor, mode: janitor), then delete the file.`
    );
  }
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry) => typeof entry[1] === "string"
    )
  );
}
function ciEventName(env) {
  if (env.GITHUB_EVENT_NAME) return env.GITHUB_EVENT_NAME;
  const event = env.DRONE_BUILD_EVENT || env.CI_PIPELINE_EVENT;
  if (!event) return void 0;
  return ["promote", "custom", "manual"].includes(event) ? "workflow_dispatch" : event;
}

// src/cli.ts
var packageRoot = fileURLToPath(new URL("..", import.meta.url));
var STEP_SECOND_SIGNAL_GRACE_MS = 500;
async function main(argv) {
  const args = parseArgs(argv);
  const names = ["run", ...Object.keys(actions)].join(", ");
  if (args.action === void 0) {
    process.stdout.write(
      `usage: recipe-ci <action> [main|post] [--input value]\u2026
actions: ${names}
`
    );
    return args.help ? ExitCode.ok : ExitCode.configuration;
  }
  const definition = args.action === "run" ? createRunAction(packageRoot) : actions[args.action];
  if (definition === void 0) {
    throw new ConfigurationError(`unknown action "${args.action}"; choose one of: ${names}.`);
  }
  const metadataFile = join(packageRoot, "actions", args.action, "action.yml");
  const metadata = parseActionMetadata(readFileSync2(metadataFile, "utf8"));
  if (args.help) {
    process.stdout.write(formatHelp(args.action, metadata));
    return ExitCode.ok;
  }
  if (args.action === "run") refuseSecretFlags(args.inputs.keys());
  const flags = metadata.inputs.filter(
    (i) => args.action !== "run" || !RUN_SECRETS.includes(i.name)
  );
  checkInputNames(args.action, args.inputs.keys(), new Set(flags.map((i) => i.name)));
  const defaults = /* @__PURE__ */ new Map();
  for (const input of metadata.inputs) {
    if (input.default !== void 0 && !input.default.includes("${{")) {
      defaults.set(input.name, input.default);
    }
  }
  const makeRunner = (stateFile) => createCliRunner({
    flags: args.inputs,
    defaults,
    env: process.env,
    stateFile,
    summaryFile: args.summaryFile,
    write: (text) => process.stderr.write(text)
  });
  if (args.action === "run" && !args.phaseGiven) return runBoth(definition, args, makeRunner);
  const runner = makeRunner(args.stateFile ?? join(".recipe-ci", `${args.action}.state.json`));
  const code = await runStep(definition, args.phase, runner, {
    onSecondSignal: () => {
      void endRunningPrograms(STEP_SECOND_SIGNAL_GRACE_MS).finally(() => {
        process.exit(ExitCode.cancelled);
      });
    }
  });
  process.stdout.write(`${JSON.stringify(runner.outputs, null, 2)}
`);
  return code;
}
async function runBoth(definition, args, makeRunner) {
  const stateDir = args.stateFile === void 0 ? mkdtempSync(join(tmpdir(), "recipe-ci-run-state-")) : void 0;
  const runner = makeRunner(args.stateFile ?? join(stateDir ?? "", "run.state.json"));
  try {
    const code = await runStep(definition, "main", runner, {
      onSecondSignal: () => {
        runner.log.warning("run: already stopping; every post step still runs");
      }
    });
    await runStep(definition, "post", runner);
    const left = runner.outputs.leftovers ?? "";
    const result = runner.outputs.result;
    if (result === void 0) printNoRun(code === ExitCode.configuration ? "invalid" : "failed");
    else process.stdout.write(`${JSON.stringify(JSON.parse(result), null, 2)}
`);
    return code === ExitCode.ok && left !== "" ? ExitCode.failed : code;
  } finally {
    if (stateDir !== void 0) rmSync(stateDir, { recursive: true, force: true });
  }
}
function printNoRun(status) {
  process.stdout.write(
    `${JSON.stringify({ status, targets: [], skipped: [], leftovers: [] }, null, 2)}
`
  );
}
function refuseSecretFlags(given) {
  for (const name of given) {
    if (RUN_SECRETS.includes(name)) {
      throw new ConfigurationError(
        `--${name} is a secret and is not taken as a flag (every user of this machine can read a command line); set the environment variable ${secretVariable(name)} instead.`
      );
    }
  }
}
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`recipe-ci: ${getErrorMessage(error)}
`);
  const post = process.argv[3] === "post";
  tellParent(process.env, { kind: post ? "leftover" : "error", message: getErrorMessage(error) });
  const bad = error instanceof ConfigurationError;
  if (process.argv[2] === "run") printNoRun(bad ? "invalid" : "failed");
  process.exitCode = bad ? ExitCode.configuration : ExitCode.failed;
}
