import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  slug
} from "./shared-slug-e35b7b1b.js";

// src/oidc/names.ts
import { randomBytes } from "node:crypto";
var MAX_PREFIX = 20;
var MAX_REPO = 30;
var MAX_REALM = 100;
function prefixProblem(prefix) {
  return nameProblem(prefix, MAX_PREFIX);
}
function realmNameProblem(realm) {
  return nameProblem(realm, MAX_REALM);
}
function nameProblem(name, max) {
  if (name.length > max) return `is longer than ${String(max)} characters`;
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(name)) {
    return "may hold only lower-case letters, digits and inner hyphens ([a-z0-9-]); Keycloak rejects reserved characters in realm names and they break URLs";
  }
  return void 0;
}
function runName(prefix, label, epochSeconds, nonce = randomBytes(2).toString("hex")) {
  const run = /^\d+$/.test(label.runId) ? label.runId : slug(label.runId, 20) || "x";
  const attempt = /^\d+$/.test(label.attempt) ? label.attempt : "1";
  const epoch = String(Math.floor(epochSeconds));
  return [prefix, slug(label.repo, MAX_REPO) || "x", run, attempt, epoch, nonce].join("-");
}
function parseRunName(prefix, name) {
  if (!name.startsWith(`${prefix}-`)) return void 0;
  const match = /^[a-z0-9]+(?:-[a-z0-9]+)*-\d+-(\d{9,11})(?:-[0-9a-f]{4})?$/.exec(
    name.slice(prefix.length + 1)
  );
  return match ? Number(match[1]) : void 0;
}

// src/oidc/settings.ts
var SETTINGS = [
  "realm",
  "issuer",
  "discovery-url",
  "token-endpoint",
  "client-id",
  "client-secret",
  "username",
  "password"
];
var SECRET_SETTINGS = /* @__PURE__ */ new Set(["client-secret", "password"]);
function readOidcSettings(inputs) {
  const keycloakUrl = readBaseUrl(inputs);
  const auth = readAdminAuth(inputs, keycloakUrl);
  const prefix = inputs.defaulted("realm-prefix", inputs.string("realm-prefix"));
  const problem = prefixProblem(prefix);
  if (problem !== void 0) inputs.fail("realm-prefix", `"${prefix}" ${problem}`);
  const isolation = inputs.defaulted("isolation", inputs.choice("isolation", ["realm", "client"]));
  const clientId = inputs.string("client-id");
  if (clientId !== void 0 && isolation === "client") {
    inputs.fail(
      "client-id",
      "cannot be set with isolation: client; each run gets a client named after the run so runs never collide and the janitor can find leftovers \u2014 remove client-id or use isolation: realm"
    );
  }
  if (clientId !== void 0 && !/^[A-Za-z0-9._-]+$/.test(clientId)) {
    inputs.fail("client-id", `"${clientId}" may hold only letters, digits, ".", "_" and "-"`);
  }
  const sharedRealm = inputs.string("shared-realm") ?? `${prefix}-shared`;
  const sharedProblem = realmNameProblem(sharedRealm);
  if (sharedProblem !== void 0) inputs.fail("shared-realm", `"${sharedRealm}" ${sharedProblem}`);
  const redirectUris = inputs.list("redirect-uris");
  for (const uri of redirectUris) {
    if (!isAbsoluteUrl(uri)) {
      inputs.fail(
        "redirect-uris",
        `entry "${uri}" is not an absolute URL; write it like https://app.example.org/oidc/callback (a trailing * is allowed)`
      );
    }
  }
  const webOrigins = inputs.list("web-origins");
  for (const origin of webOrigins) {
    if (origin !== "+" && origin !== "*" && !isOrigin(origin)) {
      inputs.fail(
        "web-origins",
        `entry "${origin}" is not an origin; write scheme://host[:port] with no path, or "+" for the redirect URIs' origins`
      );
    }
  }
  const mode = inputs.defaulted("mode", inputs.choice("mode", ["create", "janitor"]));
  return {
    keycloakUrl,
    auth,
    prefix,
    clientId,
    redirectUris,
    webOrigins,
    user: inputs.defaulted("user", inputs.boolean("user")),
    isolation,
    sharedRealm,
    envFile: inputs.string("env-file"),
    envMap: readEnvMap(inputs),
    cleanup: inputs.defaulted(
      "cleanup",
      inputs.choice("cleanup", ["always", "on-success", "never"])
    ),
    mode,
    maxAgeMs: inputs.defaulted("max-age", inputs.duration("max-age", { min: 6e4 })),
    dryRun: inputs.defaulted("dry-run", inputs.boolean("dry-run")),
    verifyTimeoutMs: inputs.defaulted(
      "verify-timeout",
      inputs.duration("verify-timeout", { min: 1e3, max: 6e5 })
    )
  };
}
function readBaseUrl(inputs) {
  const raw = inputs.required("keycloak-url", "give the base URL of the shared Keycloak");
  let url;
  try {
    url = new URL(raw);
  } catch {
    inputs.fail("keycloak-url", `"${raw}" is not a URL; write it like https://sso.example.org`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    inputs.fail("keycloak-url", `"${raw}" must start with https:// (or http://)`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "") {
    inputs.fail(
      "keycloak-url",
      `"${raw}" must be a plain base URL without query, fragment or user`
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
function readAdminAuth(inputs, keycloakUrl) {
  const method = inputs.defaulted(
    "admin-auth",
    inputs.choice("admin-auth", ["auto", "client-secret", "password", "federated"])
  );
  const clientId = inputs.string("admin-client-id");
  const secret = inputs.secret("admin-client-secret");
  const username = inputs.string("admin-username");
  const password = inputs.secret("admin-password");
  if (method === "federated") {
    if (clientId === void 0) {
      inputs.fail("admin-client-id", "is required with admin-auth: federated");
    }
    return {
      kind: "federated",
      clientId,
      audience: inputs.string("admin-audience") ?? `${keycloakUrl}/realms/master`
    };
  }
  const haveClient = clientId !== void 0 || secret !== void 0;
  const haveUser = username !== void 0 || password !== void 0;
  if (method === "auto" && haveClient && haveUser) {
    inputs.fail(
      "admin-client-id",
      "and admin-username were both given; give one admin login (the client is preferred)"
    );
  }
  if (method === "client-secret" || method === "auto" && haveClient) {
    if (clientId === void 0)
      inputs.fail("admin-client-id", "is required with admin-client-secret");
    if (secret === void 0)
      inputs.fail("admin-client-secret", "is required with admin-client-id");
    return { kind: "client-secret", clientId, secret };
  }
  if (method === "password" || haveUser) {
    if (username === void 0) inputs.fail("admin-username", "is required with admin-password");
    if (password === void 0) inputs.fail("admin-password", "is required with admin-username");
    return { kind: "password", username, password };
  }
  inputs.fail(
    "admin-client-id",
    "is empty and so is admin-username: give admin-client-id + admin-client-secret (preferred), admin-username + admin-password, or admin-auth: federated"
  );
}
function readEnvMap(inputs) {
  const value = inputs.yaml("env-map");
  if (value === void 0 || value === null) {
    return SETTINGS.map((s) => [`OIDC_${s.toUpperCase().replace(/-/g, "_")}`, s]);
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    inputs.fail(
      "env-map",
      "must be a YAML mapping of env names to settings, like `OIDC_ISSUER: issuer`"
    );
  }
  const entries = [];
  for (const [name, setting] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      inputs.fail("env-map", `key "${name}" is not an env variable name ([A-Za-z_][A-Za-z0-9_]*)`);
    }
    if (!SETTINGS.includes(setting)) {
      inputs.fail(
        "env-map",
        `maps ${name} to "${String(setting)}", which is not a setting; use one of ${SETTINGS.join(", ")}`
      );
    }
    entries.push([name, setting]);
  }
  return entries;
}
function isAbsoluteUrl(text) {
  try {
    const url = new URL(text);
    return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && (url.host !== "" || url.protocol !== "http:");
  } catch {
    return false;
  }
}
function isOrigin(text) {
  try {
    const url = new URL(text);
    return url.origin !== "null" && url.origin === text.replace(/\/$/, "");
  } catch {
    return false;
  }
}

export {
  runName,
  parseRunName,
  SETTINGS,
  SECRET_SETTINGS,
  readOidcSettings
};
