import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  require_lib
} from "./ssh2-e1848cd0.js";
import {
  runnerTemp
} from "./platform-run-origin-98ca828c.js";
import {
  require_dist
} from "./yaml-80979275.js";
import {
  __toESM
} from "./esbuild-runtime.js";

// src/provision/ssh-key.ts
var import_ssh2 = __toESM(require_lib(), 1);
import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// src/provision/openssh-key.ts
import { createPrivateKey, createPublicKey, randomBytes } from "node:crypto";
var PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
var SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
var BLOCK = 8;
function sshString(data) {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
function generateEd25519(comment) {
  const seed = randomBytes(32);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8"
  });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  if (!spki.subarray(0, SPKI_ED25519_PREFIX.length).equals(SPKI_ED25519_PREFIX)) {
    throw new Error("unexpected ed25519 public key encoding");
  }
  const pub = spki.subarray(SPKI_ED25519_PREFIX.length);
  if (pub.length !== 32) throw new Error("unexpected ed25519 key size");
  const publicBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]);
  const check = randomBytes(4);
  const unpadded = Buffer.concat([
    check,
    check,
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment)
  ]);
  const padLength = (BLOCK - unpadded.length % BLOCK) % BLOCK;
  const padding = Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1));
  const body = Buffer.concat([
    Buffer.from("openssh-key-v1\0"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    Buffer.from([0, 0, 0, 1]),
    sshString(publicBlob),
    sshString(Buffer.concat([unpadded, padding]))
  ]);
  const lines = body.toString("base64").match(/.{1,70}/g) ?? [];
  return {
    private: `-----BEGIN OPENSSH PRIVATE KEY-----
${lines.join("\n")}
-----END OPENSSH PRIVATE KEY-----
`,
    public: `ssh-ed25519 ${publicBlob.toString("base64")} ${comment}`
  };
}

// src/provision/ssh-key.ts
function keyFolder(env) {
  return mkdtempSync(join(runnerTemp(env), "recipe-ci-key-"));
}
function writeKey(text, env) {
  const path = join(keyFolder(env), "id_ed25519");
  writeFileSync(path, text, { mode: 384 });
  chmodSync(path, 384);
  return path;
}
function publicHalf(privateKey, comment) {
  const parsed = import_ssh2.default.utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === void 0 || key instanceof Error) return key ?? new Error("no key found");
  if (!key.isPrivateKey()) return new Error("this is a public key; give the private key");
  const blob = key.getPublicSSH();
  const md5 = createHash("md5").update(blob).digest("hex").replace(/(..)(?!$)/g, "$1:");
  return { line: `${key.type} ${blob.toString("base64")} ${comment}`, md5 };
}
function prepareRunKey(source, comment, env, mask) {
  if (source.kind === "none") return void 0;
  let privateKey;
  let privateKeyPath;
  if (source.kind === "generate") {
    privateKey = generateEd25519(comment).private;
  } else if (source.kind === "text") {
    privateKey = source.text.endsWith("\n") ? source.text : `${source.text}
`;
  } else {
    privateKey = readFileSync(source.path, "utf8");
    privateKeyPath = source.path;
  }
  mask(privateKey);
  const half = publicHalf(privateKey, comment);
  if (half instanceof Error) throw half;
  const written = privateKeyPath === void 0;
  return {
    privateKey,
    privateKeyPath: privateKeyPath ?? writeKey(privateKey, env),
    publicKey: half.line,
    md5Fingerprint: half.md5,
    written
  };
}

// src/provision/user-data.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_USER_DATA_BYTES = 32 * 1024;
var PLACEHOLDER = /\{\{\s*([a-z-]+)\s*\}\}/g;
var DEFAULT_USER_DATA = "#cloud-config\nssh_authorized_keys:\n  - {{ public-key }}\n";
function renderUserData(template, values) {
  let unknown;
  const text = template.replace(PLACEHOLDER, (whole, key) => {
    if (!(key in values)) {
      unknown ??= whole;
      return whole;
    }
    return JSON.stringify(values[key]);
  });
  if (unknown !== void 0) {
    return {
      problem: `uses the unknown placeholder ${unknown}; the placeholders are {{ public-key }}, {{ name }} and {{ labels }}`
    };
  }
  if (!/^#cloud-config[ \t]*\r?\n/.test(`${text}
`)) {
    return {
      problem: 'does not start with the line "#cloud-config"; cloud-init ignores user-data without it'
    };
  }
  const document = (0, import_yaml.parseDocument)(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const where = error.linePos ? ` at line ${String(error.linePos[0].line)}` : "";
    return { problem: `is not valid YAML${where}: ${error.message.split("\n")[0] ?? ""}` };
  }
  const content = document.toJS();
  if (content !== null && (typeof content !== "object" || Array.isArray(content))) {
    return { problem: "is not a YAML mapping of cloud-config keys" };
  }
  if (Buffer.byteLength(text) > MAX_USER_DATA_BYTES) {
    return { problem: `is ${String(Buffer.byteLength(text))} bytes; the limit is 32 KiB` };
  }
  return text;
}
var SAMPLE_VALUES = {
  "public-key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA recipe-ci",
  name: "recipe-ci-sample-1-1",
  labels: { "recipe-ci": "recipe-ci" }
};

// src/provision/settings.ts
import { existsSync, readFileSync as readFileSync2 } from "node:fs";

// src/provision/provider.ts
var PROVIDERS = ["hcloud", "ssh", "local", "command"];

// src/provision/server-templates.ts
var TEMPLATE_PREFIX = "template:";
var COOP_CLOUD_SERVER = `#cloud-config
ssh_authorized_keys:
  - {{ public-key }}
package_update: true
packages:
  - docker.io
  - git
write_files:
  - path: /usr/local/sbin/recipe-ci-swarm
    permissions: '0755'
    content: |
      #!/bin/sh
      # Written by recipe-ci's coop-cloud-server template: one swarm, one proxy network.
      set -eu
      systemctl enable --now docker
      if ! docker info 2>/dev/null | grep -q 'Swarm: active'; then
        docker swarm init --advertise-addr "$(hostname -I | cut -d' ' -f1)"
      fi
      if ! docker network inspect proxy >/dev/null 2>&1; then
        docker network create --driver overlay --scope swarm --attachable proxy
      fi
runcmd:
  - [/usr/local/sbin/recipe-ci-swarm]
`;
var SERVER_TEMPLATES = {
  "coop-cloud-server": COOP_CLOUD_SERVER
};
function shippedTemplate(value) {
  if (!value.startsWith(TEMPLATE_PREFIX)) return void 0;
  const name = value.slice(TEMPLATE_PREFIX.length).trim();
  const template = SERVER_TEMPLATES[name];
  if (template !== void 0) return template;
  const names = Object.keys(SERVER_TEMPLATES).map((n) => `${TEMPLATE_PREFIX}${n}`);
  return {
    problem: `names the template "${name}", which does not exist; the templates are ${names.join(", ")}`
  };
}

// src/provision/settings.ts
var KEEP = ["never", "on-failure", "always"];
function readProvisionSettings(inputs) {
  const mode = inputs.defaulted("mode", inputs.choice("mode", ["create", "janitor"]));
  const keep = inputs.defaulted("keep", inputs.choice("keep", KEEP));
  const provider = inputs.choice("provider", PROVIDERS);
  if (provider === void 0) {
    inputs.required("provider", "choose hcloud, ssh, local or command");
    throw new Error("unreachable");
  }
  const user = inputs.defaulted("user", inputs.string("user"));
  const namePrefix = inputs.defaulted("name-prefix", inputs.string("name-prefix"));
  if (!/^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/.test(namePrefix)) {
    inputs.fail(
      "name-prefix",
      `must be 1-20 lower-case letters, digits or inner hyphens, starting with a letter (it names machines and labels); got "${namePrefix}"`
    );
  }
  const createTimeoutMs = inputs.defaulted(
    "create-timeout",
    inputs.duration("create-timeout", { min: 1e3 })
  );
  const maxAgeMs = inputs.defaulted("max-age", inputs.duration("max-age", { min: 6e4 }));
  const dryRun = inputs.defaulted("dry-run", inputs.boolean("dry-run"));
  const swarm = inputs.defaulted("swarm", inputs.boolean("swarm"));
  const token = inputs.secret("hcloud-token");
  let hcloud;
  if (provider === "hcloud") {
    if (token === void 0) {
      inputs.fail(
        "hcloud-token",
        "is required for provider hcloud; pass a Hetzner Cloud API token from a secret"
      );
    }
    const apiUrl = inputs.defaulted("hcloud-api-url", inputs.string("hcloud-api-url"));
    if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
      inputs.fail("hcloud-api-url", `must be an http(s) URL; got "${apiUrl}"`);
    }
    const needed = mode === "create";
    const image = needed ? inputs.required("image", "name an image such as debian-12") : "";
    const serverType = needed ? inputs.required("server-type", "name a server type such as cx22") : "";
    hcloud = {
      token,
      apiUrl: apiUrl.replace(/\/+$/, ""),
      image,
      serverType,
      location: inputs.string("location")
    };
  }
  const createCommand = inputs.string("create-command");
  const destroyCommand = inputs.string("destroy-command");
  if (provider === "command" && mode === "create") {
    inputs.required(
      "create-command",
      "give a command that creates the machine and prints its JSON"
    );
    inputs.required("destroy-command", "give a command that destroys what create-command made");
  }
  if (provider === "command" && mode === "janitor") {
    inputs.fail(
      "mode",
      "janitor is not available for provider command; sweep with your own tooling (see the README)"
    );
  }
  const hosts = inputs.list("host");
  if (provider === "ssh" && mode === "create" && hosts.length === 0) {
    inputs.fail("host", "is required for provider ssh; give the address of the existing server");
  }
  const key = readKeySource(inputs, provider);
  const userData = readUserData(inputs, provider);
  return {
    provider,
    mode,
    keep,
    user,
    namePrefix,
    key,
    userData,
    hosts,
    hcloud,
    createCommand,
    destroyCommand,
    swarm,
    createTimeoutMs,
    maxAgeMs,
    dryRun
  };
}
function readKeySource(inputs, provider) {
  const text = inputs.secret("private-key");
  const path = inputs.string("private-key-path");
  const generate = inputs.defaulted("ssh-key", inputs.choice("ssh-key", ["generate", "none"]));
  if (text !== void 0 && path !== void 0) {
    inputs.fail("private-key", "and private-key-path were both given; give one");
  }
  if (text !== void 0) {
    const half = publicHalf(text.endsWith("\n") ? text : `${text}
`, "check");
    if (half instanceof Error) {
      inputs.fail(
        "private-key",
        `is not a usable private key (${half.message}); give an unencrypted OpenSSH or PEM key`
      );
    }
    return { kind: "text", text };
  }
  if (path !== void 0) {
    if (!existsSync(path)) inputs.fail("private-key-path", `"${path}" does not exist`);
    const half = publicHalf(readFileSync2(path, "utf8"), "check");
    if (half instanceof Error) {
      inputs.fail("private-key-path", `"${path}" is not a usable private key (${half.message})`);
    }
    return { kind: "path", path };
  }
  if (provider === "ssh") {
    inputs.fail(
      "private-key",
      "or private-key-path is required for provider ssh: a generated key cannot reach a server that already exists"
    );
  }
  if (provider === "local" || generate === "none") return { kind: "none" };
  return { kind: "generate" };
}
function readUserData(inputs, provider) {
  const raw = inputs.string("user-data");
  if (raw !== void 0 && (provider === "ssh" || provider === "local")) {
    inputs.fail(
      "user-data",
      `is for machines we create (hcloud, command); provider ${provider} uses a machine that already runs`
    );
  }
  if (provider !== "hcloud" && provider !== "command") return void 0;
  let template = raw ?? DEFAULT_USER_DATA;
  const shipped = raw === void 0 ? void 0 : shippedTemplate(raw);
  if (typeof shipped === "object") inputs.fail("user-data", shipped.problem);
  if (typeof shipped === "string") template = shipped;
  if (shipped === void 0 && raw !== void 0 && !raw.includes("\n") && !raw.startsWith("#cloud-config")) {
    try {
      template = readFileSync2(raw, "utf8");
    } catch (error) {
      const code = error.code ?? "unreadable";
      inputs.fail(
        "user-data",
        `names the file "${raw}", which cannot be read (${code}); give a path or an inline #cloud-config`
      );
    }
  }
  const checked = renderUserData(template, SAMPLE_VALUES);
  if (typeof checked !== "string") inputs.fail("user-data", checked.problem);
  return template;
}

export {
  generateEd25519,
  prepareRunKey,
  renderUserData,
  readProvisionSettings
};
