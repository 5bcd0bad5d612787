import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  SECRET_SETTINGS,
  SETTINGS,
  parseRunName,
  readOidcSettings,
  runName
} from "./oidc-settings-f5f40daf.js";
import {
  HttpError,
  httpRequest,
  realHttpDeps
} from "./shared-http-client-65d83f5e.js";
import {
  jobOutcome
} from "./platform-job-outcome-916fe21d.js";
import {
  boundOf,
  stepDeadline
} from "./platform-job-deadline-bccb0779.js";
import {
  runOrigin
} from "./platform-run-origin-98ca828c.js";
import {
  Report,
  WrapperState
} from "./yaml-80979275.js";
import {
  formatDuration,
  getErrorMessage
} from "./shared-duration-7abedc94.js";

// src/oidc/http.ts
var KeycloakError = class extends HttpError {
  name = "KeycloakError";
  constructor(message, status) {
    super(message, { status });
  }
};
var REQUEST_TIMEOUT_MS = 3e4;
var RETRY = { firstMs: 400, capMs: 4e3, jitter: 0.25 };
var KeycloakHttp = class {
  constructor(baseUrl, deps, signal) {
    this.baseUrl = baseUrl;
    this.deps = deps;
    this.signal = signal;
  }
  baseUrl;
  deps;
  signal;
  /** Requests to `/admin/…` sent so far, retries included. */
  adminCalls = 0;
  url(path) {
    return path.startsWith("http") ? path : `${this.baseUrl}${path}`;
  }
  /** Keycloak's answer, whatever its status; throws a KeycloakError only when none came. */
  async request(method, path, options = {}) {
    const url = this.url(path);
    const admin = new URL(url).pathname.includes("/admin/");
    const fetchCounted = (input, init) => {
      if (admin) this.adminCalls++;
      return this.deps.fetch(input, init);
    };
    try {
      const response = await httpRequest(
        {
          method,
          url,
          ...options.token === void 0 ? {} : { headers: { authorization: `Bearer ${options.token}` } },
          json: options.json,
          form: options.form,
          signal: this.signal,
          timeoutMs: REQUEST_TIMEOUT_MS,
          attempts: options.attempts ?? 4,
          retryOn: (status) => status >= 500,
          backoff: RETRY,
          redirect: "manual"
        },
        { fetch: fetchCounted, sleep: this.deps.sleep }
      );
      return {
        status: response.status,
        location: response.headers.get("location") ?? void 0,
        body: response.json,
        text: response.text
      };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      throw new KeycloakError(`cannot reach ${error.url ?? url}: ${error.reason}`, void 0);
    }
  }
};
function keycloakReason(result) {
  const body = result.body ?? {};
  const message = typeof body.field === "string" && typeof body.errorMessage === "string" ? `${body.field}: ${body.errorMessage}` : body.errorMessage;
  const parts = [body.error, body.error_description, message, fieldErrors(body.errors)].filter((part) => typeof part === "string" && part !== "").join(": ");
  const status = `HTTP ${String(result.status)}`;
  const detail = parts || result.text.slice(0, 200).trim() || "no body";
  return detail.startsWith(status) ? detail : `${status} ${detail}`;
}
function fieldErrors(errors) {
  if (!Array.isArray(errors)) return void 0;
  return errors.map(
    (e) => [e.field, e.errorMessage].filter((x) => typeof x === "string").join(": ")
  ).filter((x) => x !== "").join(", ");
}

// src/oidc/admin-api.ts
var enc = encodeURIComponent;
var HEADERS_TOO_LARGE = '; Keycloak refused the request headers as too large: the admin access token carries a role for every realm this admin client created (about 635 bytes each, so about 100 leftover realms reach the limit). Turn on lightweight access tokens for the admin client (client attribute client.use.lightweight.access.token.enabled: "true", Keycloak 24 or later; see the oidc-realm README), then run the janitor (mode: janitor) to remove the leftover realms';
function fail(what, result, hint = "") {
  const why = result.status === 431 ? HEADERS_TOO_LARGE : hint;
  throw new KeycloakError(`${what} failed: ${keycloakReason(result)}${why}`, result.status);
}
async function createRealm(http, token, representation) {
  const realm = String(representation.realm);
  let sawServerError = false;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const result = await http.request("POST", "/admin/realms", {
      token,
      json: representation,
      attempts: 1
    });
    if (result.status === 201) return;
    if (result.status === 409 && sawServerError) return;
    if (result.status >= 500 && attempt < 3) {
      sawServerError = true;
      continue;
    }
    if (result.status === 403) {
      fail(
        `creating realm "${realm}"`,
        result,
        "; the admin account needs master's create-realm role"
      );
    }
    if (result.status === 409) {
      fail(`creating realm "${realm}"`, result, "; a realm of that name already exists");
    }
    fail(`creating realm "${realm}"`, result);
  }
}
async function deleteRealm(http, token, realm) {
  return deleteAt(http, token, `/admin/realms/${enc(realm)}`, `deleting realm "${realm}"`);
}
async function deleteClient(http, token, realm, id) {
  return deleteAt(
    http,
    token,
    `/admin/realms/${enc(realm)}/clients/${enc(id)}`,
    `deleting client ${id} of realm "${realm}"`
  );
}
async function deleteUser(http, token, realm, id) {
  return deleteAt(
    http,
    token,
    `/admin/realms/${enc(realm)}/users/${enc(id)}`,
    `deleting user ${id} of realm "${realm}"`
  );
}
async function deleteAt(http, token, path, what) {
  const result = await http.request("DELETE", path, { token, attempts: 5 });
  if (result.status === 204 || result.status === 200) return true;
  if (result.status === 404) return false;
  fail(what, result);
}
async function listRealms(http, token) {
  const result = await http.request("GET", "/admin/realms?briefRepresentation=true", { token });
  if (result.status === 403) return [];
  if (result.status !== 200 || !Array.isArray(result.body)) fail("listing realms", result);
  return result.body.map((r) => r.realm).filter((r) => typeof r === "string");
}
async function realmExists(http, token, realm) {
  const result = await http.request("GET", `/admin/realms/${enc(realm)}`, { token });
  if (result.status === 200) return true;
  if (result.status === 404) return false;
  fail(`reading realm "${realm}"`, result);
}
async function createInRealm(http, token, realm, kind, representation) {
  const result = await http.request("POST", `/admin/realms/${enc(realm)}/${kind}`, {
    token,
    json: representation,
    attempts: 1
  });
  if (result.status === 403) {
    fail(
      `creating ${kind.slice(0, -1)} in realm "${realm}"`,
      result,
      `; the admin login may not manage realm "${realm}" (a create-realm-only login manages just the realms it created): name a shared-realm this login created, or let it make a new one`
    );
  }
  if (result.status !== 201 || result.location === void 0) {
    fail(`creating ${kind.slice(0, -1)} in realm "${realm}"`, result);
  }
  return decodeURIComponent(result.location.split("/").pop() ?? "");
}
async function listInRealm(http, token, realm, kind, search) {
  const query = kind === "clients" ? `clientId=${enc(search)}&search=true&max=1000` : `search=${enc(search)}&briefRepresentation=true&max=1000`;
  const result = await http.request("GET", `/admin/realms/${enc(realm)}/${kind}?${query}`, {
    token
  });
  if (result.status === 404 || result.status === 403) return [];
  if (result.status !== 200 || !Array.isArray(result.body)) fail(`listing ${kind}`, result);
  return result.body.flatMap(
    (e) => {
      const name = kind === "clients" ? e.clientId : e.username;
      return typeof e.id === "string" && typeof name === "string" ? [{ id: e.id, name }] : [];
    }
  );
}

// src/oidc/state-keys.ts
var OidcState = {
  isolation: "isolation",
  realm: "realm",
  sharedRealm: "shared-realm",
  clientName: "client-name",
  clientUuid: "client-uuid",
  userName: "user-name",
  userId: "user-id"
};

// src/oidc/cleanup.ts
function leftoversFromState(state) {
  if (state.get(OidcState.isolation) === "client") {
    const sharedRealm = state.get(OidcState.sharedRealm);
    const clientName = state.get(OidcState.clientName);
    if (sharedRealm === void 0 || clientName === void 0) return void 0;
    const userName = state.get(OidcState.userName);
    return {
      sharedRealm,
      client: { name: clientName, id: state.get(OidcState.clientUuid) },
      ...userName === void 0 ? {} : { user: { name: userName, id: state.get(OidcState.userId) } }
    };
  }
  const realm = state.get(OidcState.realm);
  return realm === void 0 ? void 0 : { realm };
}
function describeLeftovers(left) {
  if (left.realm !== void 0) return `realm ${left.realm}`;
  const parts = [`client ${left.client?.name ?? "?"}`];
  if (left.user) parts.push(`user ${left.user.name}`);
  return `${parts.join(" and ")} in realm ${left.sharedRealm ?? "?"}`;
}
async function removeLeftovers(session, left) {
  const token = await session.token();
  const done = [];
  const failed = [];
  const attempt = async (what, fn) => {
    try {
      done.push(`${what}: ${await fn() ? "deleted" : "already gone"}`);
    } catch (error) {
      failed.push(`${what} (${getErrorMessage(error)})`);
    }
  };
  if (left.realm !== void 0) {
    const realm = left.realm;
    await attempt(`realm ${realm}`, () => deleteRealm(session.http, token, realm));
  }
  const shared = left.sharedRealm;
  if (shared !== void 0) {
    for (const [kind, entity] of [
      ["clients", left.client],
      ["users", left.user]
    ]) {
      if (entity === void 0) continue;
      const label = `${kind === "clients" ? "client" : "user"} ${entity.name} in ${shared}`;
      await attempt(label, async () => {
        const id = entity.id ?? (await listInRealm(session.http, token, shared, kind, entity.name)).find(
          (e) => e.name === entity.name
        )?.id;
        if (id === void 0) return false;
        return kind === "clients" ? deleteClient(session.http, token, shared, id) : deleteUser(session.http, token, shared, id);
      });
    }
  }
  if (failed.length > 0) {
    throw new Error(
      `could not remove: ${failed.join("; ")}; the janitor (mode: janitor) removes it once older than max-age`
    );
  }
  return done;
}

// src/oidc/representation.ts
import { createHash, randomBytes } from "node:crypto";
function generateSecret() {
  return randomBytes(32).toString("base64url");
}
function clientRepresentation(client) {
  return {
    clientId: client.clientId,
    name: "recipe-ci test client",
    enabled: true,
    protocol: "openid-connect",
    publicClient: false,
    clientAuthenticatorType: "client-secret",
    secret: client.secret,
    redirectUris: client.redirectUris,
    webOrigins: client.webOrigins,
    standardFlowEnabled: true,
    // Both only so that verification can prove the client works with real grants.
    serviceAccountsEnabled: true,
    directAccessGrantsEnabled: true
  };
}
var MAX_EMAIL_LOCAL_PART = 64;
var EMAIL_HASH_HEX = 16;
function testEmail(username) {
  if (username.length <= MAX_EMAIL_LOCAL_PART) return `${username}@example.org`;
  const hash = createHash("sha256").update(username).digest("hex").slice(0, EMAIL_HASH_HEX);
  const head = username.slice(0, MAX_EMAIL_LOCAL_PART - EMAIL_HASH_HEX - 1).replace(/-+$/, "");
  return `${head}-${hash}@example.org`;
}
function userRepresentation(user) {
  return {
    username: user.username,
    enabled: true,
    email: testEmail(user.username),
    emailVerified: true,
    firstName: "Recipe",
    lastName: "Tester",
    requiredActions: [],
    credentials: [{ type: "password", value: user.password, temporary: false }]
  };
}
function realmRepresentation(realm, client, user) {
  return {
    realm,
    enabled: true,
    displayName: `recipe-ci ${realm}`,
    clients: [clientRepresentation(client)],
    users: user ? [userRepresentation(user)] : []
  };
}

// src/oidc/id-token.ts
import { createPublicKey, verify } from "node:crypto";
var HASH = { RS256: "sha256", RS384: "sha384", RS512: "sha512" };
function idTokenProblem(token, jwks, issuer, clientId) {
  const [head, body, signature] = token.split(".");
  if (head === void 0 || body === void 0 || signature === void 0) {
    return "the id_token is not a JWT";
  }
  const header = decode(head);
  const claims = decode(body);
  const hash = HASH[header.alg ?? ""];
  if (hash === void 0) return `the id_token uses ${String(header.alg)}, not RS256/384/512`;
  const keys = (jwks?.keys ?? []).filter((k) => k.kty === "RSA").filter((k) => header.kid === void 0 || k.kid === header.kid);
  const jwk = keys[0];
  if (jwk === void 0) return `no RSA key with kid "${String(header.kid)}" in the realm's JWKS`;
  const key = createPublicKey({ key: jwk, format: "jwk" });
  const valid = verify(
    hash,
    Buffer.from(`${head}.${body}`),
    key,
    Buffer.from(signature, "base64url")
  );
  if (!valid) return "the id_token's signature does not verify with the realm's JWKS";
  if (claims.iss !== issuer)
    return `the id_token's issuer is "${String(claims.iss)}", not "${issuer}"`;
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(clientId)) return `the id_token is not for client "${clientId}"`;
  return void 0;
}
function decode(part) {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return {};
  }
}

// src/oidc/verify.ts
function realmEndpoints(baseUrl, realm) {
  const issuer = `${baseUrl}/realms/${encodeURIComponent(realm)}`;
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    tokenEndpoint: `${issuer}/protocol/openid-connect/token`
  };
}
async function verifyRealm(http, deps, signal, expected, client, user, options) {
  const deadline = options.now() + options.timeoutMs;
  let attempt = 0;
  for (; ; ) {
    attempt++;
    const problem = await verifyOnce(http, expected, client, user);
    if (typeof problem !== "string") return problem;
    if (options.now() + options.intervalMs > deadline || signal.aborted) {
      throw new Error(
        `the realm did not verify after ${String(attempt)} attempt(s) in ${String(Math.round(options.timeoutMs / 1e3))}s: ${problem}`
      );
    }
    await deps.sleep(options.intervalMs, signal);
  }
}
async function verifyOnce(http, expected, client, user) {
  try {
    const discovery = await http.request("GET", expected.discoveryUrl, { attempts: 1 });
    if (discovery.status !== 200) return `discovery: ${keycloakReason(discovery)}`;
    const doc = discovery.body;
    if (doc.issuer !== expected.issuer) {
      return `discovery names issuer "${String(doc.issuer)}", expected "${expected.issuer}" (is keycloak-url the public URL Keycloak knows itself by?)`;
    }
    if (typeof doc.token_endpoint !== "string" || typeof doc.jwks_uri !== "string") {
      return "discovery has no token_endpoint or jwks_uri";
    }
    const found = { ...expected, tokenEndpoint: doc.token_endpoint };
    const credentials = { client_id: client.clientId, client_secret: client.secret };
    const cc = await http.request("POST", doc.token_endpoint, {
      form: { grant_type: "client_credentials", ...credentials },
      attempts: 1
    });
    if (cc.status !== 200) return `the client_credentials grant failed: ${keycloakReason(cc)}`;
    if (user === void 0) return found;
    const password = await http.request("POST", doc.token_endpoint, {
      form: {
        grant_type: "password",
        ...credentials,
        username: user.username,
        password: user.password,
        scope: "openid"
      },
      attempts: 1
    });
    if (password.status !== 200) {
      return `the password grant of user "${user.username}" failed: ${keycloakReason(password)}`;
    }
    const idToken = password.body.id_token;
    if (typeof idToken !== "string") return "the password grant returned no id_token";
    const jwks = await http.request("GET", doc.jwks_uri, { attempts: 1 });
    if (jwks.status !== 200) return `JWKS: ${keycloakReason(jwks)}`;
    return idTokenProblem(idToken, jwks.body, expected.issuer, client.clientId) ?? found;
  } catch (error) {
    return getErrorMessage(error);
  }
}

// src/oidc/create.ts
var DEFAULT_CLIENT_ID = "app";
var DEFAULT_USERNAME = "tester";
var VERIFY_INTERVAL_MS = 1e3;
var FRESH_REALM_RETRY_MS = [500, 1e3, 2e3, 4e3];
async function createAndVerify(session, settings, label, hooks) {
  const started = hooks.now();
  const name = runName(settings.prefix, label, started / 1e3);
  const perRun = settings.isolation === "client";
  const realm = perRun ? settings.sharedRealm : name;
  const client = {
    clientId: perRun ? name : settings.clientId ?? DEFAULT_CLIENT_ID,
    secret: generateSecret(),
    redirectUris: settings.redirectUris,
    webOrigins: settings.webOrigins
  };
  hooks.onSecret(client.secret);
  const user = settings.user ? { username: perRun ? name : DEFAULT_USERNAME, password: generateSecret() } : void 0;
  if (user) hooks.onSecret(user.password);
  hooks.state.set(OidcState.isolation, settings.isolation);
  if (perRun) {
    await hooks.group(
      `Adding client ${client.clientId} to shared realm ${realm}`,
      () => addToSharedRealm(session, realm, client, user, hooks)
    );
  } else {
    await hooks.group(`Creating realm ${realm}`, async () => {
      const token = await session.token();
      hooks.state.set(OidcState.realm, realm);
      await createRealm(session.http, token, realmRepresentation(realm, client, user));
      hooks.info(
        `created realm ${realm} with client ${client.clientId}${user ? ` and user ${user.username}` : ""} in one call`
      );
    });
  }
  const adminCalls2 = session.http.adminCalls;
  const endpoints = await hooks.group(`Verifying realm ${realm}`, async () => {
    const found = await verifyRealm(
      session.http,
      session.deps,
      session.signal,
      realmEndpoints(settings.keycloakUrl, realm),
      client,
      user,
      { timeoutMs: settings.verifyTimeoutMs, intervalMs: VERIFY_INTERVAL_MS, now: hooks.now }
    );
    hooks.info(
      `discovery issuer matches; client_credentials grant ok${user ? "; password grant ok, id_token verified against the JWKS" : ""}`
    );
    return found;
  });
  return {
    values: {
      realm,
      issuer: endpoints.issuer,
      "discovery-url": endpoints.discoveryUrl,
      "token-endpoint": endpoints.tokenEndpoint,
      "client-id": client.clientId,
      "client-secret": client.secret,
      username: user?.username ?? "",
      password: user?.password ?? ""
    },
    adminCalls: adminCalls2,
    elapsedMs: hooks.now() - started
  };
}
async function addToSharedRealm(session, realm, client, user, hooks) {
  hooks.state.set(OidcState.sharedRealm, realm);
  const token = await session.token();
  let fresh = false;
  if (!await realmExists(session.http, token, realm)) {
    try {
      await createRealm(session.http, token, {
        realm,
        enabled: true,
        displayName: "recipe-ci shared CI realm"
      });
      fresh = true;
      hooks.info(`created the shared realm ${realm}`);
    } catch (error) {
      if (!(error instanceof KeycloakError && error.status === 409)) throw error;
    }
  }
  const add = (kind, representation) => retryForbiddenWhileFresh(
    session,
    fresh,
    async () => createInRealm(session.http, await session.token(), realm, kind, representation)
  );
  hooks.state.set(OidcState.clientName, client.clientId);
  const clientUuid = await add("clients", clientRepresentation(client));
  hooks.state.set(OidcState.clientUuid, clientUuid);
  if (user) {
    hooks.state.set(OidcState.userName, user.username);
    const userId = await add("users", userRepresentation(user));
    hooks.state.set(OidcState.userId, userId);
  }
  hooks.info(
    `added client ${client.clientId}${user ? ` and user ${user.username}` : ""} to ${realm}`
  );
}
async function retryForbiddenWhileFresh(session, fresh, call) {
  for (const waitMs of fresh ? FRESH_REALM_RETRY_MS : []) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof KeycloakError && error.status === 403)) throw error;
      await session.deps.sleep(waitMs, session.signal);
    }
  }
  return call();
}

// src/oidc/env-file.ts
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
function writeEnvFile(path, entries) {
  const keys = new Set(entries.map(([key]) => key));
  const kept = existsSync(path) ? readFileSync(path, "utf8").split("\n").filter((line) => line !== "" && !keys.has(line.split("=")[0]?.trim() ?? "")) : [];
  for (const [key, value] of entries) {
    if (/[\r\n]/.test(value)) throw new Error(`the value of ${key} has a line break`);
  }
  const lines = [...kept, ...entries.map(([key, value]) => `${key}=${value}`)];
  writeFileSync(path, `${lines.join("\n")}
`, { mode: 384 });
  chmodSync(path, 384);
}

// src/oidc/janitor.ts
async function sweep(session, options) {
  const admin = adminCalls(session);
  const entries = [];
  const candidates = [];
  for (const realm of await admin((token) => listRealms(session.http, token))) {
    candidates.push({ kind: "realm", name: realm, id: realm });
  }
  if (options.sharedRealm !== void 0) {
    const shared = options.sharedRealm;
    for (const kind of ["clients", "users"]) {
      const found = await admin(
        (token) => listInRealm(session.http, token, shared, kind, `${options.prefix}-`)
      );
      for (const e of found) {
        candidates.push({ kind: kind === "clients" ? "client" : "user", name: e.name, id: e.id });
      }
    }
  }
  for (const candidate of candidates) {
    const epoch = parseRunName(options.prefix, candidate.name);
    if (epoch === void 0) continue;
    const ageSeconds = Math.round(options.nowMs / 1e3 - epoch);
    const entry = {
      kind: candidate.kind,
      name: candidate.name,
      ageSeconds,
      action: "kept (young)"
    };
    entries.push(entry);
    if (ageSeconds * 1e3 < options.maxAgeMs) continue;
    if (options.dryRun) {
      entry.action = "would delete";
      continue;
    }
    try {
      const shared = options.sharedRealm ?? "";
      const deleted = await admin(
        (token) => candidate.kind === "realm" ? deleteRealm(session.http, token, candidate.id) : candidate.kind === "client" ? deleteClient(session.http, token, shared, candidate.id) : deleteUser(session.http, token, shared, candidate.id)
      );
      entry.action = deleted ? "deleted" : "gone";
    } catch (error) {
      entry.action = "failed";
      entry.detail = getErrorMessage(error);
    }
  }
  return entries;
}
function adminCalls(session) {
  let token;
  return async (call) => {
    token ??= await session.token();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof KeycloakError && error.status === 401)) throw error;
      token = await session.token();
      return call(token);
    }
  };
}

// src/oidc/report.ts
function createdReport(created, envFile) {
  const v = created.values;
  const report = new Report("recipe-ci oidc-realm").text(
    `realm ${v.realm} ready and verified in ${formatDuration(created.elapsedMs)} with ${String(created.adminCalls)} admin call(s)`
  );
  report.table(
    ["setting", "value"],
    [
      ["issuer", v.issuer],
      ["discovery-url", v["discovery-url"]],
      ["token-endpoint", v["token-endpoint"]],
      ["client-id", v["client-id"]],
      ["username", v.username || "(no test user)"],
      ["env-file", envFile ?? "(none)"]
    ]
  );
  return report;
}
function janitorReport(entries, dryRun, prefix) {
  const removed = entries.filter((e) => e.action === "deleted").length;
  const report = new Report(`recipe-ci oidc-realm janitor${dryRun ? " (dry run)" : ""}`).text(
    entries.length === 0 ? `nothing of prefix "${prefix}" found` : `${String(entries.length)} of ours found, ${String(removed)} deleted`
  );
  if (entries.length > 0) {
    report.table(
      ["kind", "name", "age", "action"],
      entries.map((e) => [
        e.kind,
        e.name,
        formatDuration(e.ageSeconds * 1e3),
        e.detail ? `${e.action}: ${e.detail}` : e.action
      ])
    );
  }
  return report;
}

// src/oidc/admin-auth.ts
var TOKEN_PATH = "/realms/master/protocol/openid-connect/token";
var JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
function describeAdminAuth(auth) {
  switch (auth.kind) {
    case "client-secret":
      return `the client_credentials grant of admin client "${auth.clientId}"`;
    case "federated":
      return `the client_credentials grant of admin client "${auth.clientId}" with a federated client assertion (the job's OIDC token)`;
    case "password":
      return `the password grant of admin user "${auth.username}" through admin-cli`;
  }
}
async function adminToken(http, auth, onSecret) {
  let form;
  switch (auth.kind) {
    case "client-secret":
      form = {
        grant_type: "client_credentials",
        client_id: auth.clientId,
        client_secret: auth.secret
      };
      break;
    case "federated": {
      const assertion = await auth.assertion();
      onSecret(assertion);
      form = {
        grant_type: "client_credentials",
        client_id: auth.clientId,
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion
      };
      break;
    }
    case "password":
      form = {
        grant_type: "password",
        client_id: "admin-cli",
        username: auth.username,
        password: auth.password
      };
      break;
  }
  let result;
  try {
    result = await http.request("POST", TOKEN_PATH, { form });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new KeycloakError(
      `admin login failed: ${error.message}; check keycloak-url (${http.baseUrl}) and that this runner can reach it`,
      void 0
    );
  }
  const token = result.body?.access_token;
  if (result.status !== 200 || typeof token !== "string") {
    throw new KeycloakError(
      `admin login failed: ${describeAdminAuth(auth)} at ${http.url(TOKEN_PATH)} was refused (${keycloakReason(result)}); ${adminAuthHint(auth)}`,
      result.status
    );
  }
  onSecret(token);
  return token;
}
function adminAuthHint(auth) {
  switch (auth.kind) {
    case "client-secret":
      return 'check admin-client-id and admin-client-secret, and that the client has "Service accounts roles" enabled in the master realm';
    case "federated":
      return "check the client's federated authenticator (identity provider alias, expected subject) and the job's id-token permission";
    case "password":
      return "check admin-username and admin-password (a master-realm user)";
  }
}
async function fetchJobIdToken(env, audience, deps, signal) {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) {
    throw new KeycloakError(
      "admin-auth: federated needs the job OIDC token, but ACTIONS_ID_TOKEN_REQUEST_URL is not set; on GitHub add `permissions: id-token: write`, on Forgejo `enable-openid-connect: true`; Gitea cannot issue job tokens \u2014 use admin-client-secret there",
      void 0
    );
  }
  const target = new URL(url);
  target.searchParams.set("audience", audience);
  let response;
  try {
    response = await httpRequest(
      { method: "GET", url: target, headers: { authorization: `Bearer ${bearer}` }, signal },
      deps
    );
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new KeycloakError(`the runner gave no job OIDC token: ${error.message}`, void 0);
  }
  const value = response.json?.value;
  if (response.status < 200 || response.status > 299 || typeof value !== "string") {
    throw new KeycloakError(
      `the runner refused a job OIDC token (HTTP ${String(response.status)})`,
      response.status
    );
  }
  return value;
}

// src/oidc/session.ts
function openSession(keycloakUrl, auth, deps, signal, onSecret, env) {
  const http = new KeycloakHttp(keycloakUrl, deps, signal);
  const login = auth.kind === "federated" ? {
    kind: "federated",
    clientId: auth.clientId,
    assertion: () => fetchJobIdToken(env, auth.audience, deps, signal)
  } : auth;
  return { http, deps, signal, token: () => adminToken(http, login, onSecret) };
}

// src/actions/oidc-realm.ts
var oidcRealm = {
  name: "oidc-realm",
  async main(context) {
    const { inputs, outputs, state, secrets, log, group, publish, signal } = context;
    const settings = readOidcSettings(inputs);
    const deadline = stepDeadline(context);
    const onSecret = (value) => {
      secrets.add(value);
    };
    const session = openSession(
      settings.keycloakUrl,
      settings.auth,
      realHttpDeps,
      signal,
      onSecret,
      process.env
    );
    if (settings.mode === "janitor") {
      const entries = await group(
        `Sweeping realms of prefix ${settings.prefix}`,
        () => sweep(session, {
          prefix: settings.prefix,
          maxAgeMs: settings.maxAgeMs,
          dryRun: settings.dryRun,
          nowMs: Date.now(),
          sharedRealm: settings.isolation === "client" ? settings.sharedRealm : void 0
        })
      );
      await publish(janitorReport(entries, settings.dryRun, settings.prefix));
      const failed = entries.filter((e) => e.action === "failed");
      if (failed.length > 0) {
        throw new Error(`could not delete: ${failed.map((e) => `${e.kind} ${e.name}`).join(", ")}`);
      }
      return;
    }
    const bound = boundOf(deadline, settings.verifyTimeoutMs);
    if (bound.by === "deadline") log.info(`oidc-realm: verifying for at most ${bound.describe}`);
    const created = await createAndVerify(
      session,
      { ...settings, verifyTimeoutMs: bound.ms },
      runOrigin(process.env),
      {
        state,
        onSecret,
        group,
        info: (message) => {
          log.info(message);
        },
        now: () => Date.now()
      }
    );
    for (const name of SETTINGS) {
      outputs.set(name, created.values[name], { secret: SECRET_SETTINGS.has(name) });
    }
    if (settings.envFile !== void 0) {
      writeEnvFile(
        settings.envFile,
        settings.envMap.map(([key, setting]) => [key, created.values[setting]])
      );
      log.info(`wrote ${settings.envMap.map(([key]) => key).join(", ")} to ${settings.envFile}`);
    }
    await publish(createdReport(created, settings.envFile));
  },
  async post({ inputs, state, secrets, log, signal }) {
    const left = leftoversFromState(state);
    if (left === void 0) {
      log.info("oidc-realm: no realm was created, so there is nothing to delete");
      return;
    }
    const what = describeLeftovers(left);
    const settings = readOidcSettings(inputs);
    const outcome = jobOutcome(state.get(WrapperState.mainOutcome), process.env);
    if (settings.cleanup === "never" || settings.cleanup === "on-success" && outcome !== "success") {
      log.notice(
        `keeping ${what} (cleanup: ${settings.cleanup}, main: ${outcome}); a janitor run (mode: janitor) removes it once older than max-age`
      );
      return;
    }
    const session = openSession(
      settings.keycloakUrl,
      settings.auth,
      realHttpDeps,
      signal,
      (value) => {
        secrets.add(value);
      },
      process.env
    );
    try {
      for (const line of await removeLeftovers(session, left)) log.info(line);
    } catch (error) {
      throw new Error(`${what} may remain: ${getErrorMessage(error)}`);
    }
  }
};

export {
  oidcRealm
};
