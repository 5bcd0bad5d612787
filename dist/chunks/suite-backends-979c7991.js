import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  BACKENDS,
  TIERS,
  VersionError,
  abraArgs,
  buildBackend,
  checkBackendSettings,
  lastCount,
  parseEnvFile,
  removeAbraDir
} from "./semver-cd12f637.js";
import {
  RECIPE_NAME_HINT,
  isRecipeName
} from "./recipe-recipe-name-ed2dffb3.js";
import {
  generateAppDomain,
  isTargetName
} from "./targets-spec-2780765a.js";

// src/suite/backends.ts
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
import { join as join2 } from "node:path";

// src/deploy/abra-ssh.ts
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
function abraHomeOf(abraDir) {
  return `${abraDir}-home`;
}
function prepareAbraSsh(abraDir, sshConfigPath, env) {
  const home = abraHomeOf(abraDir);
  const sshDir = join(home, ".ssh");
  const bin = join(home, "bin");
  mkdirSync(sshDir, { recursive: true, mode: 448 });
  mkdirSync(bin, { recursive: true, mode: 448 });
  const config = join(sshDir, "config");
  writeFileSync(config, readFileSync(sshConfigPath, "utf8"), { mode: 384 });
  const path = env.PATH ?? "";
  const ssh = findOnPath("ssh", path, bin);
  if (ssh === void 0) {
    throw new Error("no ssh on PATH: abra reaches a server over OpenSSH; install openssh-client");
  }
  writeFileSync(
    join(bin, "ssh"),
    `#!/bin/sh
# recipe-ci: the run's SSH config for every ssh abra and docker start.
exec ${shellQuote(ssh)} -F ${shellQuote(config)} "$@"
`,
    { mode: 448 }
  );
  return { HOME: home, PATH: `${bin}${delimiter}${path}` };
}
function removeAbraHome(abraDir) {
  rmSync(abraHomeOf(abraDir), { recursive: true, force: true });
}
function findOnPath(name, path, skip) {
  for (const dir of path.split(delimiter)) {
    if (dir === "" || dir === skip) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
    }
  }
  return void 0;
}
function shellQuote(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// src/suite/backends.ts
function checkBackendInputs(settings, inputs) {
  checkBackendSettings(
    {
      backend: settings.backend,
      server: settings.server,
      machineGiven: inputs.string("host") !== void 0
    },
    inputs
  );
}
function serverOfMachine(settings, machineHost, inputs) {
  if (settings.backend !== "abra" || machineHost === void 0) return settings.server;
  if (settings.server === "local") {
    inputs.fail(
      "server",
      `is local, but host (${machineHost}) hands over a machine; give server empty or ${machineHost}, or no host`
    );
  }
  if (settings.server !== void 0 && settings.server !== machineHost) {
    inputs.fail(
      "server",
      `is ${settings.server}, but the machine handed over is ${machineHost}; give server empty or ${machineHost}`
    );
  }
  return machineHost;
}
function createBackend(context) {
  const { settings, config, env, signal, clock } = context;
  const common = {
    recipe: settings.recipe,
    recipePath: settings.recipePath,
    domain: env.RECIPE_CI_DOMAIN ?? settings.domain,
    config,
    env,
    signal,
    commandTimeoutMs: () => clock.limit(),
    healthTimeoutMs: () => clock.limit(config.health.timeoutMs)
  };
  if (settings.backend === "command") {
    return {
      backend: buildBackend({ ...common, backend: "command" }),
      saved: { backend: "command" },
      commandEnv: {}
    };
  }
  const server = context.saved?.server ?? settings.server ?? "local";
  const abraDir = context.saved?.abraDir ?? join2(context.workDir, "abra");
  const sshEnv = server !== "local" && env.RECIPE_CI_SSH_CONFIG ? prepareAbraSsh(abraDir, env.RECIPE_CI_SSH_CONFIG, process.env) : void 0;
  return {
    backend: buildBackend({
      ...common,
      backend: "abra",
      server,
      abraDir,
      // Post only tears down; the env file may be gone by then.
      appEnv: context.saved ? {} : appEnvSettings(config, settings.envFile),
      ...sshEnv === void 0 ? {} : { sshEnv },
      ...context.onSecret === void 0 ? {} : { onSecret: context.onSecret }
    }),
    saved: { backend: "abra", abraDir, server },
    commandEnv: { ABRA_DIR: abraDir, ...sshEnv }
  };
}
function appEnvSettings(config, envFile) {
  const fromFile = envFile === void 0 ? {} : parseEnvFile(readFileSync2(envFile, "utf8"));
  return { ...config.env, ...fromFile };
}
function disposeBackend(saved) {
  if (saved.backend === "abra" && saved.abraDir !== void 0) {
    removeAbraDir(saved.abraDir);
    removeAbraHome(saved.abraDir);
  }
}
function removeByHand(saved, env) {
  const domain = env.RECIPE_CI_DOMAIN ?? "<domain>";
  if (saved.backend === "abra") {
    const abraDir = saved.abraDir ?? "<abra dir>";
    const home = abraHomeOf(abraDir);
    const env2 = existsSync(home) ? `HOME=${home} PATH=${home}/bin:$PATH ABRA_DIR=${abraDir}` : `ABRA_DIR=${abraDir}`;
    return `run export ${env2}; abra ${abraArgs.undeploy(domain).join(" ")} && abra ${abraArgs.remove(domain).join(" ")} (or let mode: janitor remove it)`;
  }
  return `run the recipe's teardown command with RECIPE_CI_STATE_DIR=${env.RECIPE_CI_STATE_DIR ?? ""}`;
}

// src/suite/settings.ts
import { resolve } from "node:path";
var SUITE_MODES = ["run", "janitor"];
var RECONCILE_MOVED = "is reconcile, which moved to an action of its own: use recipe-ci/recipe-ci/actions/reconcile@<ref> (on a command line: recipe-ci reconcile) with the same inputs, without mode";
function readSuiteMode(inputs) {
  if (inputs.string("mode") === "reconcile") inputs.fail("mode", RECONCILE_MOVED);
  return inputs.defaulted("mode", inputs.choice("mode", SUITE_MODES));
}
function readSuiteSettings(inputs) {
  const recipe = inputs.required("recipe", "give the recipe's name");
  if (!isRecipeName(recipe)) {
    inputs.fail("recipe", `"${recipe}" is not a recipe name; ${RECIPE_NAME_HINT}`);
  }
  const tiers = /* @__PURE__ */ new Set();
  for (const tier of inputs.list("tiers")) {
    if (!TIERS.includes(tier)) {
      inputs.fail("tiers", `lists "${tier}", which is not a tier; choose from ${TIERS.join(", ")}`);
    }
    tiers.add(tier);
  }
  if (tiers.size === 0) inputs.fail("tiers", `is empty; choose from ${TIERS.join(", ")}`);
  const recipePath = resolve(inputs.defaulted("recipe-path", inputs.string("recipe-path")));
  return {
    recipe,
    recipePath,
    backend: inputs.defaulted("backend", inputs.choice("backend", BACKENDS)),
    server: inputs.string("server"),
    domain: appDomain(inputs, recipe),
    baseDomain: inputs.string("base-domain")?.toLowerCase(),
    configPath: resolve(recipePath, inputs.defaulted("config", inputs.string("config"))),
    tiers,
    previous: readPrevious(inputs),
    allowMajor: inputs.defaulted("allow-major", inputs.boolean("allow-major")),
    repeat: inputs.defaulted("repeat", inputs.integer("repeat", { min: 1, max: 20 })),
    failFast: inputs.defaulted("fail-fast", inputs.boolean("fail-fast")),
    envFile: inputs.string("env-file"),
    keep: inputs.defaulted("keep", inputs.choice("keep", ["never", "on-failure", "always"])),
    mode: readSuiteMode(inputs),
    target: readTarget(inputs)
  };
}
function readPrevious(inputs) {
  const previous = inputs.defaulted("previous", inputs.string("previous"));
  try {
    lastCount(previous);
  } catch (error) {
    if (error instanceof VersionError) inputs.fail("previous", error.message);
    throw error;
  }
  return previous;
}
function readTarget(inputs) {
  const target = inputs.string("target");
  if (target !== void 0 && !isTargetName(target)) {
    inputs.fail("target", `"${target}" is not a target name; use letters, digits, ., _ and -`);
  }
  return target;
}
function appDomain(inputs, recipe) {
  const domain = inputs.string("domain");
  if (domain !== void 0) {
    if (!/^[a-z0-9.-]+$/i.test(domain)) inputs.fail("domain", `"${domain}" is not a domain name`);
    return domain.toLowerCase();
  }
  const base = inputs.string("base-domain");
  if (base === void 0) {
    inputs.fail(
      "base-domain",
      "is required when domain is not given; the app needs a domain to be deployed on"
    );
  }
  if (!/^[a-z0-9.-]+$/i.test(base)) inputs.fail("base-domain", `"${base}" is not a domain name`);
  return generateAppDomain(recipe, base);
}

export {
  checkBackendInputs,
  serverOfMachine,
  createBackend,
  disposeBackend,
  removeByHand,
  readSuiteMode,
  readSuiteSettings
};
