import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  notImplemented
} from "./chunk-BVO7ZD5I.js";

// src/actions/provision.ts
var provision = {
  name: "provision",
  main({ inputs }) {
    inputs.choice("mode", ["create", "janitor"]);
    inputs.choice("keep", ["never", "on-failure", "always"]);
    inputs.secret("hcloud-token");
    inputs.secret("private-key");
    inputs.duration("max-age", { min: 6e4 });
    inputs.boolean("dry-run");
    const provider = inputs.choice("provider", ["hcloud", "ssh", "local", "command"]);
    if (provider === void 0) inputs.required("provider", "choose hcloud, ssh, local or command");
    return Promise.reject(notImplemented("provision"));
  },
  post({ log }) {
    log.info("provision: nothing was created, so there is nothing to destroy");
    return Promise.resolve();
  }
};

export {
  provision
};
