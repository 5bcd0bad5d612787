import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  Report
} from "./platform-report-c0860680.js";

// src/targets/spec.ts
var RESERVED_NAMES = ["all"];
var MATRIX_NAME_KEY = "target";
var NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function parseTargets(value, fail) {
  let items;
  if (typeof value === "string") items = value.split(/[\s,]+/).filter((name) => name !== "");
  else if (Array.isArray(value)) items = value;
  else {
    return fail(
      "must be a YAML list of target names or of mappings with a `name` (for example `- name: local`)"
    );
  }
  if (items.length === 0) fail("lists no target; give at least one");
  const seen = /* @__PURE__ */ new Set();
  return items.map((item, index) => {
    const where = `item ${String(index + 1)}`;
    const target = parseItem(item, where, fail);
    if (seen.has(target.name)) {
      fail(`names "${target.name}" twice (${where}); every target needs its own name`);
    }
    seen.add(target.name);
    return target;
  });
}
function parseItem(item, where, fail) {
  if (typeof item === "string") {
    return { name: checkName(item, where, fail), properties: {}, isDefault: true };
  }
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    return fail(
      `${where} must be a name or a mapping with a \`name\`; got ${describe(item)} (quote names that YAML reads as numbers or booleans)`
    );
  }
  const { name, default: isDefault, ...properties } = item;
  if (typeof name !== "string") {
    return fail(`${where} has no \`name\` (a string); got ${describe(name)}`);
  }
  const checked = checkName(name, where, fail);
  if (isDefault !== void 0 && typeof isDefault !== "boolean") {
    fail(
      `${where} ("${checked}") has \`default\` set to ${describe(isDefault)}; use true or false`
    );
  }
  if (MATRIX_NAME_KEY in properties) {
    fail(
      `${where} ("${checked}") has a property \`${MATRIX_NAME_KEY}\`, which the matrix uses for the target's name; rename the property`
    );
  }
  return { name: checked, properties, isDefault: isDefault !== false };
}
function checkName(name, where, fail) {
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) {
    fail(
      `${where} has the name "${name}"; names use letters, digits, ".", "_" and "-" only, starting with a letter or digit`
    );
  }
  if (RESERVED_NAMES.includes(trimmed)) {
    fail(`${where} is called "${trimmed}", which \`selected\` uses for every target; rename it`);
  }
  return trimmed;
}
function describe(value) {
  if (value === null || value === void 0) return "nothing";
  if (Array.isArray(value)) return "a list";
  return `${typeof value} ${JSON.stringify(value)}`;
}

// src/targets/plan.ts
var DISPATCH_EVENTS = ["workflow_dispatch", "repository_dispatch"];
function isDispatch(event) {
  return event === void 0 || DISPATCH_EVENTS.includes(event);
}
function planTargets(targets, selection, event) {
  const dispatched = isDispatch(event);
  const entries = targets.map((target) => {
    if (!dispatched) {
      return target.isDefault ? { target, runs: true, reason: `in the default set (${event ?? ""} run)` } : {
        target,
        runs: false,
        reason: `\`default: false\`: runs only when chosen in a dispatch`
      };
    }
    if (selection.kind === "all") return { target, runs: true, reason: "all targets selected" };
    return selection.names.includes(target.name) ? { target, runs: true, reason: "selected" } : { target, runs: false, reason: `not selected (selected: ${selection.names.join(", ")})` };
  });
  return {
    event,
    dispatched,
    entries,
    ignoredSelection: !dispatched && selection.kind === "names"
  };
}
function running(plan) {
  return plan.entries.filter((entry) => entry.runs).map((entry) => entry.target);
}
function skipped(plan) {
  return plan.entries.filter((entry) => !entry.runs).map((entry) => entry.target);
}
function matrixOf(plan, appDomain) {
  return {
    include: running(plan).map((target) => ({
      // Decided here, once per target, so oidc-realm and recipe-suite get the same domain.
      ...appDomain ? { domain: appDomain() } : {},
      ...target.properties,
      [MATRIX_NAME_KEY]: target.name
    }))
  };
}

// src/targets/report.ts
function planReport(plan) {
  const count = running(plan).length;
  const how = plan.dispatched ? plan.event === void 0 ? "chosen on the command line" : `chosen in a ${plan.event}` : `the default set of a ${plan.event ?? ""} run`;
  const report = new Report("Targets").text(
    count === 0 ? `No target runs (${how}): the test job is skipped and the gate passes.` : `${String(count)} of ${String(plan.entries.length)} target(s) run (${how}).`
  );
  return report.table(
    ["target", "runs", "why"],
    plan.entries.map((entry) => [entry.target.name, entry.runs ? "yes" : "skipped", entry.reason])
  );
}

// src/targets/selection.ts
function parseSelection(raw, targets, fail) {
  const words = (raw ?? "").split(/[\s,]+/).filter((word) => word !== "");
  if (words.length === 0) return { kind: "all" };
  if (words.includes("all")) {
    if (words.length > 1) {
      fail(`mixes "all" with target names ("${raw ?? ""}"); give either all or the names`);
    }
    return { kind: "all" };
  }
  const known = new Set(targets.map((target) => target.name));
  const unknown = words.filter((word) => !known.has(word));
  if (unknown.length > 0) {
    const valid = targets.map((target) => target.name).join(", ");
    fail(
      `names ${unknown.length === 1 ? "an unknown target" : "unknown targets"} ${unknown.map((name) => `"${name}"`).join(", ")}; valid names (matched exactly): ${valid}, or all`
    );
  }
  return { kind: "names", names: [...new Set(words)] };
}

export {
  parseTargets,
  planTargets,
  running,
  skipped,
  matrixOf,
  planReport,
  parseSelection
};
