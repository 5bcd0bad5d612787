#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  targets
} from "./chunks/targets-spec-6d96b6af.js";
import {
  oidcRealm
} from "./chunks/oidc-settings-d99407c2.js";
import {
  provision
} from "./chunks/provision-hcloud-provider-c4dede97.js";
import {
  readiness
} from "./chunks/readiness-gate-cloud-init-f43eb1b1.js";
import {
  recipeSuite
} from "./chunks/semver-4cf89b12.js";
import "./chunks/recipe-app-domain-fc893402.js";
import "./chunks/process-run-program-f113fc19.js";
import "./chunks/platform-job-outcome-916fe21d.js";
import "./chunks/http-spec-b1d7b5cb.js";
import "./chunks/ssh2-32cdb92a.js";
import "./chunks/platform-job-deadline-e5be5c07.js";
import {
  ConfigurationError,
  ExitCode,
  Secrets,
  getErrorMessage,
  require_dist,
  runStep
} from "./chunks/yaml-302915f6.js";
import {
  __toESM
} from "./chunks/esbuild-runtime.js";

// src/cli.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// src/actions/index.ts
var actions = {
  provision,
  readiness,
  "oidc-realm": oidcRealm,
  "recipe-suite": recipeSuite,
  targets
};

// src/cli/args.ts
var OWN_OPTIONS = /* @__PURE__ */ new Set(["state-file", "summary-file"]);
function parseArgs(argv) {
  const result = {
    action: void 0,
    phase: "main",
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

// src/platform/cli-runner.ts
import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from "node:fs";
import { dirname } from "node:path";
function createCliRunner(options) {
  const { flags, defaults, env, stateFile, summaryFile, write } = options;
  const redaction = new Secrets(() => void 0);
  const emit = (prefix, message) => {
    write(`${prefix}${redaction.redact(message)}
`);
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
      emit("warning: ", message);
    },
    error: (message) => {
      emit("error: ", message);
    }
  };
  return {
    platform: {
      kind: "cli",
      rendersSummary: false,
      apiUrl: void 0,
      // Set when a CI that is not an Actions runner exports it; a person at a prompt has none.
      eventName: env.GITHUB_EVENT_NAME || void 0
    },
    inputs,
    log,
    outputs,
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
      emit("error: ", message);
    }
  };
}
function readState(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return {};
  }
  const parsed = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry) => typeof entry[1] === "string"
    )
  );
}

// src/cli.ts
var packageRoot = fileURLToPath(new URL("..", import.meta.url));
async function main(argv) {
  const args = parseArgs(argv);
  const names = Object.keys(actions).join(", ");
  if (args.action === void 0) {
    process.stdout.write(
      `usage: recipe-ci <action> [main|post] [--input value]\u2026
actions: ${names}
`
    );
    return args.help ? ExitCode.ok : ExitCode.configuration;
  }
  const definition = actions[args.action];
  if (definition === void 0) {
    throw new ConfigurationError(`unknown action "${args.action}"; choose one of: ${names}.`);
  }
  const metadataFile = join(packageRoot, "actions", args.action, "action.yml");
  const metadata = parseActionMetadata(readFileSync2(metadataFile, "utf8"));
  if (args.help) {
    process.stdout.write(formatHelp(args.action, metadata));
    return ExitCode.ok;
  }
  checkInputNames(args.action, args.inputs.keys(), new Set(metadata.inputs.map((i) => i.name)));
  const defaults = /* @__PURE__ */ new Map();
  for (const input of metadata.inputs) {
    if (input.default !== void 0) defaults.set(input.name, input.default);
  }
  const runner = createCliRunner({
    flags: args.inputs,
    defaults,
    env: process.env,
    stateFile: args.stateFile ?? join(".recipe-ci", `${args.action}.state.json`),
    summaryFile: args.summaryFile,
    write: (text) => process.stderr.write(text)
  });
  const code = await runStep(definition, args.phase, runner, {
    onSecondSignal: () => {
      process.exit(ExitCode.cancelled);
    }
  });
  process.stdout.write(`${JSON.stringify(runner.outputs, null, 2)}
`);
  return code;
}
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`recipe-ci: ${getErrorMessage(error)}
`);
  process.exitCode = error instanceof ConfigurationError ? ExitCode.configuration : ExitCode.failed;
}
