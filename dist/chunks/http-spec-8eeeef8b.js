import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);

// src/http/spec.ts
import { isIP } from "node:net";
var DEFAULT_STATUS = "200-399";
var FIELDS = ["url", "status", "body", "resolve", "insecure", "headers"];
var HttpSpecError = class extends Error {
};
function parseHttpChecks(value) {
  if (value === void 0 || value === null) return [];
  if (!Array.isArray(value)) {
    throw new HttpSpecError('must be a YAML list of checks, each starting with "- url: https://\u2026"');
  }
  return value.map((item, index) => parseCheck(item, `item ${String(index + 1)}`));
}
function parseCheck(item, where) {
  if (typeof item === "string") item = { url: item };
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new HttpSpecError(`${where} must be a URL or a mapping with a url field`);
  }
  const fields = item;
  for (const key of Object.keys(fields)) {
    if (!FIELDS.includes(key)) {
      throw new HttpSpecError(
        `${where} has an unknown field "${key}"; the fields are ${FIELDS.join(", ")}`
      );
    }
  }
  const url = parseUrl(fields.url, where);
  return {
    label: url.href,
    url,
    status: parseStatus(fields.status ?? DEFAULT_STATUS, where),
    body: parseBody(fields.body, where),
    resolve: parseResolve(fields.resolve, url, where),
    insecure: parseInsecure(fields.insecure, where),
    headers: parseHeaders(fields.headers, where)
  };
}
function parseUrl(value, where) {
  if (typeof value !== "string" || value.trim() === "") {
    throw new HttpSpecError(`${where} needs a url`);
  }
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new HttpSpecError(`${where}: url "${value}" is not a URL; write https://host/path`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HttpSpecError(`${where}: url "${value}" must start with http:// or https://`);
  }
  if (url.username || url.password) {
    throw new HttpSpecError(
      `${where}: url must not carry credentials; send them in headers (from a secret)`
    );
  }
  return url;
}
function parseStatus(value, where) {
  const items = Array.isArray(value) ? value : [value];
  const ranges = items.map((entry) => {
    const text2 = typeof entry === "number" ? String(entry) : typeof entry === "string" ? entry : "";
    const exact = /^\s*([1-5]\d\d)\s*$/.exec(text2);
    if (exact) return { min: Number(exact[1]), max: Number(exact[1]) };
    const range = /^\s*([1-5]\d\d)\s*-\s*([1-5]\d\d)\s*$/.exec(text2);
    if (range && Number(range[1]) <= Number(range[2])) {
      return { min: Number(range[1]), max: Number(range[2]) };
    }
    const klass = /^\s*([1-5])xx\s*$/i.exec(text2);
    if (klass) return { min: Number(klass[1]) * 100, max: Number(klass[1]) * 100 + 99 };
    throw new HttpSpecError(
      `${where}: status ${JSON.stringify(entry)} is not a status; write 200, "200-299", "2xx" or a list`
    );
  });
  if (ranges.length === 0) throw new HttpSpecError(`${where}: status is an empty list`);
  const text = items.map((entry) => String(entry)).join(", ");
  return { ranges, text };
}
function parseBody(value, where) {
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string") throw new HttpSpecError(`${where}: body must be a regex string`);
  try {
    return new RegExp(value);
  } catch (error) {
    throw new HttpSpecError(
      `${where}: body /${value}/ is not a valid regular expression (${error.message})`
    );
  }
}
function parseResolve(value, url, where) {
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string" || value.trim() === "") {
    throw new HttpSpecError(`${where}: resolve must be an IP address or HOST:PORT:ADDRESS`);
  }
  const text = value.trim();
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare)) return bare;
  const curl = /^([^:]+):(\d+):(.+)$/.exec(text);
  if (curl) {
    const [, host = "", port = "", address = ""] = curl;
    const urlPort = url.port || (url.protocol === "https:" ? "443" : "80");
    if (host.toLowerCase() !== url.hostname.toLowerCase() || port !== urlPort) {
      throw new HttpSpecError(
        `${where}: resolve "${text}" is for ${host}:${port}, but the url is for ${url.hostname}:${urlPort}`
      );
    }
    const ip = address.replace(/^\[(.*)\]$/, "$1");
    if (isIP(ip)) return ip;
  }
  throw new HttpSpecError(
    `${where}: resolve "${text}" must be an IP address (or HOST:PORT:ADDRESS as for curl --resolve)`
  );
}
function parseInsecure(value, where) {
  if (value === void 0 || value === null) return false;
  if (typeof value === "boolean") return value;
  throw new HttpSpecError(`${where}: insecure must be true or false`);
}
function parseHeaders(value, where) {
  if (value === void 0 || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new HttpSpecError(`${where}: headers must be a mapping of name: value`);
  }
  const headers = {};
  for (const [name, raw] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new HttpSpecError(`${where}: header name "${name}" is not a valid HTTP header name`);
    }
    if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") {
      throw new HttpSpecError(`${where}: header ${name} must be a single value`);
    }
    const text = String(raw);
    if (/[\r\n]/.test(text)) {
      throw new HttpSpecError(`${where}: header ${name} must be on one line`);
    }
    headers[name] = text;
  }
  return headers;
}
function statusAccepted(status, check) {
  return check.status.ranges.some((range) => status >= range.min && status <= range.max);
}

export {
  HttpSpecError,
  parseHttpChecks,
  statusAccepted
};
