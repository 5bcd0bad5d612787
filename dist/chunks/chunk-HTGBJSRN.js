import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  notImplemented
} from "./chunk-OAXJL5R3.js";

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
