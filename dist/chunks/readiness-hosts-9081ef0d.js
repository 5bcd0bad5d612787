import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/readiness/hosts.ts
function parseHostTarget(spec, defaults) {
  let rest = spec.trim();
  let user = defaults.user;
  const at = rest.lastIndexOf("@");
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!/^[a-z_][a-z0-9_.-]*$/i.test(user)) return `"${spec}" has an invalid user name "${user}"`;
  }
  let host = rest;
  let portText;
  const bracketed = /^\[([0-9a-f:.]+)\](?::(.*))?$/i.exec(rest);
  if (bracketed) {
    host = bracketed[1] ?? "";
    portText = bracketed[2];
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    [host = "", portText] = rest.split(":");
  } else if (rest.includes(":") && !/^[0-9a-f:.]+$/i.test(rest)) {
    return `"${spec}" is not a host name or address`;
  }
  if (host === "") return `"${spec}" has no host`;
  if (!bracketed && !host.includes(":") && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) {
    return `"${spec}" is not a host name or address`;
  }
  let port = defaults.port;
  if (portText !== void 0) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return `"${spec}" has an invalid port "${portText}" (1-65535)`;
    }
    port = Number(portText);
  }
  return { user, host, port, spec: spec.trim() };
}

export {
  parseHostTarget
};
