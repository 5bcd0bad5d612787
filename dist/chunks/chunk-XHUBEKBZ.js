import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/actions/not-implemented.ts
function notImplemented(action) {
  return new Error(
    `the ${action} action is not implemented in this version of recipe-ci yet; its inputs were checked and nothing was created`
  );
}

// src/actions/targets.ts
var targets = {
  name: "targets",
  main({ inputs }) {
    const list = inputs.yaml("targets");
    if (list === void 0) inputs.required("targets", "give a YAML list of target names");
    return Promise.reject(notImplemented("targets"));
  }
};

export {
  targets
};
