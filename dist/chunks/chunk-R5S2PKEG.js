import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  notImplemented
} from "./chunk-BVO7ZD5I.js";

// src/actions/recipe-suite.ts
var recipeSuite = {
  name: "recipe-suite",
  main({ inputs }) {
    inputs.required("recipe", "give the recipe's name");
    inputs.choice("backend", ["abra", "command"]);
    inputs.choice("mode", ["run", "janitor", "reconcile"]);
    inputs.choice("keep", ["never", "on-failure", "always"]);
    inputs.integer("repeat", { min: 1, max: 20 });
    inputs.boolean("allow-major");
    inputs.boolean("fail-fast");
    inputs.duration("max-age", { min: 6e4 });
    return Promise.reject(notImplemented("recipe-suite"));
  },
  post({ log }) {
    log.info("recipe-suite: no app was deployed, so there is nothing to remove");
    return Promise.resolve();
  }
};

export {
  recipeSuite
};
