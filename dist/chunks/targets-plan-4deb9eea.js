import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  MATRIX_NAME_KEY
} from "./targets-spec-2780765a.js";
import {
  Report
} from "./yaml-80979275.js";

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
  planTargets,
  running,
  skipped,
  matrixOf,
  planReport,
  parseSelection
};
