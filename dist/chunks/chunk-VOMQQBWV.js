import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  notImplemented
} from "./chunk-BVO7ZD5I.js";

// src/actions/oidc-realm.ts
var oidcRealm = {
  name: "oidc-realm",
  main({ inputs }) {
    inputs.required("keycloak-url", "give the base URL of the shared Keycloak");
    inputs.secret("admin-client-secret");
    inputs.secret("admin-password");
    inputs.choice("isolation", ["realm", "client"]);
    inputs.choice("cleanup", ["always", "on-success", "never"]);
    inputs.choice("mode", ["create", "janitor"]);
    inputs.boolean("user");
    inputs.boolean("dry-run");
    inputs.duration("max-age", { min: 6e4 });
    inputs.yaml("env-map");
    return Promise.reject(notImplemented("oidc-realm"));
  },
  post({ log }) {
    log.info("oidc-realm: no realm was created, so there is nothing to delete");
    return Promise.resolve();
  }
};

export {
  oidcRealm
};
