import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  matrixOf,
  parseSelection,
  planReport,
  planTargets,
  running,
  skipped
} from "./targets-plan-4deb9eea.js";
import {
  generateAppDomain,
  isDomainName,
  parseTargets
} from "./targets-spec-2780765a.js";

// src/actions/targets.ts
var targets = {
  name: "targets",
  async main({ inputs, outputs, log, platform, publish }) {
    const raw = inputs.yaml("targets");
    if (raw === void 0) inputs.required("targets", "give a YAML list of target names");
    const list = parseTargets(raw, (problem) => inputs.fail("targets", problem));
    const selection = parseSelection(
      inputs.string("selected"),
      list,
      (problem) => inputs.fail("selected", problem)
    );
    const plan = planTargets(list, selection, platform.eventName);
    const appDomain = readAppDomain(inputs);
    if (plan.ignoredSelection) {
      log.notice(
        `selected is ignored on ${plan.event ?? ""} events: they test the default set; choose targets in a workflow_dispatch`
      );
    }
    const matrix = matrixOf(plan, appDomain);
    outputs.set("matrix", matrix);
    outputs.set("has-targets", matrix.include.length > 0 ? "true" : "false");
    outputs.set(
      "selected",
      running(plan).map((target) => target.name).join(",")
    );
    outputs.set(
      "skipped",
      skipped(plan).map((target) => target.name).join(",")
    );
    await publish(planReport(plan));
    if (matrix.include.length === 0) log.notice("No target runs; the test job will be skipped.");
  }
};
function readAppDomain(inputs) {
  const base = inputs.string("base-domain");
  if (base === void 0) return void 0;
  if (!isDomainName(base)) inputs.fail("base-domain", `"${base}" is not a domain name`);
  const recipe = inputs.required("recipe", "give the recipe's name: app domains start with it");
  return () => generateAppDomain(recipe, base);
}

export {
  targets
};
