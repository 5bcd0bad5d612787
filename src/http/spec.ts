/**
 * The `http` input: a YAML list of HTTP checks, parsed and validated whole before the gate
 * connects anywhere. Each problem names the item and the field, because a typo in a health-check
 * list otherwise surfaces minutes later as a timeout.
 */
import { isIP } from 'node:net';

/** Status codes accepted when a check names none: a redirect (to a login page) counts as up. */
export const DEFAULT_STATUS = '200-399';

export interface StatusRange {
  min: number;
  max: number;
}

export interface HttpCheck {
  /** The URL as written, for logs and the report. */
  label: string;
  url: URL;
  /** The accepted statuses, and how to show them. */
  status: { ranges: StatusRange[]; text: string };
  body: RegExp | undefined;
  /** Connect to this address instead of resolving the URL's host (curl's `--resolve`). */
  resolve: string | undefined;
  insecure: boolean;
  headers: Record<string, string>;
}

const FIELDS = ['url', 'status', 'body', 'resolve', 'insecure', 'headers'] as const;

/** A problem in one check; the caller turns it into an error that names the input. */
export class HttpSpecError extends Error {}

export function parseHttpChecks(value: unknown): HttpCheck[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new HttpSpecError('must be a YAML list of checks, each starting with "- url: https://…"');
  }
  return value.map((item, index) => parseCheck(item, `item ${String(index + 1)}`));
}

function parseCheck(item: unknown, where: string): HttpCheck {
  if (typeof item === 'string') item = { url: item };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new HttpSpecError(`${where} must be a URL or a mapping with a url field`);
  }
  const fields = item as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new HttpSpecError(
        `${where} has an unknown field "${key}"; the fields are ${FIELDS.join(', ')}`,
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
    headers: parseHeaders(fields.headers, where),
  };
}

function parseUrl(value: unknown, where: string): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new HttpSpecError(`${where} needs a url`);
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new HttpSpecError(`${where}: url "${value}" is not a URL; write https://host/path`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpSpecError(`${where}: url "${value}" must start with http:// or https://`);
  }
  if (url.username || url.password) {
    throw new HttpSpecError(
      `${where}: url must not carry credentials; send them in headers (from a secret)`,
    );
  }
  return url;
}

/** `200`, `"200-299"`, `"2xx"`, or a list of those. */
function parseStatus(value: unknown, where: string): HttpCheck['status'] {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const ranges = items.map((entry) => {
    const text = typeof entry === 'number' ? String(entry) : typeof entry === 'string' ? entry : '';
    const exact = /^\s*([1-5]\d\d)\s*$/.exec(text);
    if (exact) return { min: Number(exact[1]), max: Number(exact[1]) };
    const range = /^\s*([1-5]\d\d)\s*-\s*([1-5]\d\d)\s*$/.exec(text);
    if (range && Number(range[1]) <= Number(range[2])) {
      return { min: Number(range[1]), max: Number(range[2]) };
    }
    const klass = /^\s*([1-5])xx\s*$/i.exec(text);
    if (klass) return { min: Number(klass[1]) * 100, max: Number(klass[1]) * 100 + 99 };
    throw new HttpSpecError(
      `${where}: status ${JSON.stringify(entry)} is not a status; write 200, "200-299", "2xx" or a list`,
    );
  });
  if (ranges.length === 0) throw new HttpSpecError(`${where}: status is an empty list`);
  const text = items.map((entry) => String(entry)).join(', ');
  return { ranges, text };
}

function parseBody(value: unknown, where: string): RegExp | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpSpecError(`${where}: body must be a regex string`);
  try {
    return new RegExp(value);
  } catch (error) {
    throw new HttpSpecError(
      `${where}: body /${value}/ is not a valid regular expression (${(error as Error).message})`,
    );
  }
}

/**
 * An IP address to connect to for the URL's own host and port, or curl's `HOST:PORT:ADDRESS`,
 * whose host and port must then be the URL's — curl would silently ignore a mismatch, and a
 * health check that quietly goes to public DNS instead of the test machine proves nothing.
 */
function parseResolve(value: unknown, url: URL, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new HttpSpecError(`${where}: resolve must be an IP address or HOST:PORT:ADDRESS`);
  }
  const text = value.trim();
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return bare;
  const curl = /^([^:]+):(\d+):(.+)$/.exec(text);
  if (curl) {
    const [, host = '', port = '', address = ''] = curl;
    const urlPort = url.port || (url.protocol === 'https:' ? '443' : '80');
    if (host.toLowerCase() !== url.hostname.toLowerCase() || port !== urlPort) {
      throw new HttpSpecError(
        `${where}: resolve "${text}" is for ${host}:${port}, but the url is for ${url.hostname}:${urlPort}`,
      );
    }
    const ip = address.replace(/^\[(.*)\]$/, '$1');
    if (isIP(ip)) return ip;
  }
  throw new HttpSpecError(
    `${where}: resolve "${text}" must be an IP address (or HOST:PORT:ADDRESS as for curl --resolve)`,
  );
}

function parseInsecure(value: unknown, where: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  throw new HttpSpecError(`${where}: insecure must be true or false`);
}

function parseHeaders(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpSpecError(`${where}: headers must be a mapping of name: value`);
  }
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new HttpSpecError(`${where}: header name "${name}" is not a valid HTTP header name`);
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
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

export function statusAccepted(status: number, check: HttpCheck): boolean {
  return check.status.ranges.some((range) => status >= range.min && status <= range.max);
}
