/**
 * A STAND-IN for the Hetzner Cloud API (we have no Hetzner account in tests), written from
 * Hetzner's public API documentation and served over real HTTP on loopback. It follows the
 * documented behaviour our provider relies on:
 *
 * - Bearer tokens: 401 `unauthorized` without a known one, 403 `forbidden` for writes with a
 *   read-only one.
 * - Errors as `{"error": {"code", "message", "details"}}`: 404 `not_found`, 409
 *   `uniqueness_error`, 422 `invalid_input` (with `details.fields`), 429 `rate_limit_exceeded`.
 * - Every response carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (the UNIX time
 *   at which the bucket is full again; it refills one request at a time).
 * - Servers (POST/GET/DELETE /servers, GET /servers/{id}) with labels and `label_selector`
 *   (`k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`), `name` filter, pagination
 *   (`page`, `per_page` ≤ 50, `meta.pagination`).
 * - Actions (GET /actions/{id}): `running` → `success` | `error`, with `error.{code,message}`.
 * - SSH keys (POST/GET/DELETE /ssh_keys) with MD5 fingerprints and the `fingerprint` filter.
 *
 * Knobs let tests play faults: the create action's outcome, 5xx bursts, a tight rate limit,
 * read-only tokens, and ageing a server's labels (time passing without waiting for it).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInServer {
  id: number;
  name: string;
  status: string;
  created: string;
  server_type: { name: string };
  image: { name: string };
  datacenter: { location: { name: string } };
  labels: Record<string, string>;
  user_data: string | null;
  ssh_keys: number[];
  public_net: { ipv4: { ip: string } | null; ipv6: { ip: string } | null };
}

interface StandInAction {
  id: number;
  command: string;
  status: 'running' | 'success' | 'error';
  progress: number;
  started: string;
  finished: string | null;
  resources: { id: number; type: string }[];
  error: { code: string; message: string } | null;
  /** When it ends (ms); Infinity for a hang. */
  endsAt: number;
  outcome: 'success' | 'error';
}

interface StandInSshKey {
  id: number;
  name: string;
  fingerprint: string;
  public_key: string;
  labels: Record<string, string>;
  created: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  body: unknown;
}

const SERVER_TYPES = new Set(['cx22', 'cx32', 'cpx11', 'cpx21', 'cax11']);
const IMAGES = new Set(['debian-12', 'debian-13', 'ubuntu-24.04']);
const LOCATIONS = new Set(['fsn1', 'nbg1', 'hel1', 'ash', 'hil', 'sin']);
const LABEL_KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const HOSTNAME = /^(?=.{1,63}$)[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = {},
  ) {
    super(message);
  }
}

export class HcloudStandIn {
  readonly servers = new Map<number, StandInServer>();
  readonly sshKeys = new Map<number, StandInSshKey>();
  readonly actions = new Map<number, StandInAction>();
  readonly requests: RequestRecord[] = [];
  /** token → may it write? */
  readonly tokens = new Map<string, boolean>([['hc-token-0123456789abcdef', true]]);

  /** What the next create_server action does, and how long it runs. */
  createOutcome: 'success' | 'error' | 'hang' = 'success';
  /** What delete_server actions end in (an error leaves the server where it was). */
  deleteOutcome: 'success' | 'error' = 'success';
  actionMs = 300;
  /** The next N requests answer 503 `service_error` (or drop the connection with 'reset'). */
  private faults: { kind: 503 | 'reset'; left: number } = { kind: 503, left: 0 };
  /** Rate limit: a bucket of `limit` requests refilled one per `refillMs`. */
  private limit = 3600;
  private refillMs = 1000;
  private bucket = 3600;
  private lastRefill = Date.now();
  private bucketStartsAtNextRequest = false;
  private nextId = 4_711_000;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: { code: 'server_error', message: String(error) } }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${String(port)}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  failNext(count: number, kind: 503 | 'reset' = 503): void {
    this.faults = { kind, left: count };
  }

  /** A new bucket; its clock starts at the next request, so a slow client start changes nothing. */
  rateLimit(limit: number, refillMs: number, remaining = limit): void {
    this.limit = limit;
    this.refillMs = refillMs;
    this.bucket = remaining;
    this.bucketStartsAtNextRequest = true;
  }

  /**
   * Make everything named `name` (the run's server and SSH key) look `ms` older: creation labels
   * and `created` move back in time, as if the janitor ran that much later.
   */
  age(name: string, ms: number): void {
    const items = [...this.servers.values(), ...this.sshKeys.values()].filter(
      (i) => i.name === name,
    );
    if (items.length === 0) throw new Error(`nothing named ${name}`);
    for (const item of items) {
      const created = item.labels['recipe-ci-created'];
      if (created !== undefined) {
        item.labels['recipe-ci-created'] = String(Number(created) - Math.round(ms / 1000));
      }
      item.created = new Date(Date.parse(item.created) - ms).toISOString();
    }
  }

  /** Put a server there directly, as another person or suite would have made it. */
  seed(name: string, labels: Record<string, string>): StandInServer {
    const server = this.makeServer(name, 'cx22', 'debian-12', 'fsn1', labels, null, []);
    server.status = 'running';
    return server;
  }

  countRequests(method: string, pathPrefix: string): number {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const record: RequestRecord = {
      method,
      path: url.pathname.replace(/^\/v1/, ''),
      query: Object.fromEntries(url.searchParams),
      status: 0,
      body: undefined,
    };
    this.requests.push(record);
    if (this.faults.left > 0) {
      this.faults.left--;
      if (this.faults.kind === 'reset') {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      record.status = 503;
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 'service_error', message: 'service unavailable', details: {} },
        }),
      );
      return;
    }
    let status = 200;
    let body: unknown;
    try {
      const allowed = this.takeToken();
      this.rateHeaders(res);
      if (!allowed) {
        throw new ApiError(
          429,
          'rate_limit_exceeded',
          `limit of ${String(this.limit)} requests per hour reached`,
        );
      }
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      const canWrite = auth ? this.tokens.get(auth[1] ?? '') : undefined;
      if (canWrite === undefined) throw new ApiError(401, 'unauthorized', 'unable to authenticate');
      if (method !== 'GET' && !canWrite) {
        throw new ApiError(403, 'forbidden', 'insufficient permissions for this request');
      }
      let input: Record<string, unknown> = {};
      if (raw !== '') {
        try {
          input = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          throw new ApiError(400, 'json_error', 'invalid JSON in request body');
        }
      }
      record.body = input;
      [status, body] = this.route(method, record.path, url.searchParams, input);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      body = { error: { code: error.code, message: error.message, details: error.details } };
    }
    record.status = status;
    if (status === 204) {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private takeToken(): boolean {
    const now = Date.now();
    if (this.bucketStartsAtNextRequest) {
      this.lastRefill = now;
      this.bucketStartsAtNextRequest = false;
    }
    const refilled = Math.floor((now - this.lastRefill) / this.refillMs);
    if (refilled > 0) {
      this.bucket = Math.min(this.limit, this.bucket + refilled);
      this.lastRefill += refilled * this.refillMs;
    }
    if (this.bucket <= 0) return false;
    this.bucket--;
    return true;
  }

  private rateHeaders(res: ServerResponse): void {
    const fullAt = this.lastRefill + (this.limit - this.bucket) * this.refillMs;
    res.setHeader('RateLimit-Limit', String(this.limit));
    res.setHeader('RateLimit-Remaining', String(this.bucket));
    res.setHeader('RateLimit-Reset', String(Math.ceil(fullAt / 1000)));
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    input: Record<string, unknown>,
  ): [number, unknown] {
    let match: RegExpExecArray | null;
    if (method === 'GET' && path === '/servers') {
      const list = [...this.servers.values()].filter(
        (s) =>
          (!query.has('name') || s.name === query.get('name')) &&
          matchesSelector(s.labels, query.get('label_selector')),
      );
      return [200, paginate('servers', list, query)];
    }
    if (method === 'POST' && path === '/servers') return [201, this.createServer(input)];
    if ((match = /^\/servers\/(\d+)$/.exec(path))) {
      const id = Number(match[1]);
      const server = this.servers.get(id);
      if (!server) throw new ApiError(404, 'not_found', `server with ID '${String(id)}' not found`);
      if (method === 'GET') return [200, { server }];
      if (method === 'DELETE') {
        if (this.deleteOutcome === 'success') this.servers.delete(id);
        return [200, { action: this.makeAction('delete_server', id, this.deleteOutcome, 200) }];
      }
    }
    if (method === 'GET' && (match = /^\/actions\/(\d+)$/.exec(path))) {
      const action = this.actions.get(Number(match[1]));
      if (!action)
        throw new ApiError(404, 'not_found', `action with ID '${match[1] ?? ''}' not found`);
      return [200, { action: this.view(action) }];
    }
    if (method === 'GET' && path === '/ssh_keys') {
      const list = [...this.sshKeys.values()].filter(
        (k) =>
          (!query.has('name') || k.name === query.get('name')) &&
          (!query.has('fingerprint') || k.fingerprint === query.get('fingerprint')) &&
          matchesSelector(k.labels, query.get('label_selector')),
      );
      return [200, paginate('ssh_keys', list, query)];
    }
    if (method === 'POST' && path === '/ssh_keys')
      return [201, { ssh_key: this.createSshKey(input) }];
    if (method === 'DELETE' && (match = /^\/ssh_keys\/(\d+)$/.exec(path))) {
      if (!this.sshKeys.delete(Number(match[1]))) {
        throw new ApiError(404, 'not_found', `SSH key with ID '${match[1] ?? ''}' not found`);
      }
      return [204, undefined];
    }
    throw new ApiError(404, 'not_found', `no route for ${method} ${path}`);
  }

  private createServer(input: Record<string, unknown>): unknown {
    const fields: { name: string; messages: string[] }[] = [];
    const name = input.name;
    if (typeof name !== 'string' || !HOSTNAME.test(name)) {
      fields.push({ name: 'name', messages: ['must be a valid hostname'] });
    }
    const type = input.server_type;
    if (typeof type !== 'string') fields.push({ name: 'server_type', messages: ['is required'] });
    const image = input.image;
    if (typeof image !== 'string') fields.push({ name: 'image', messages: ['is required'] });
    const labels = (input.labels ?? {}) as Record<string, string>;
    for (const [key, value] of Object.entries(labels)) {
      if (
        !LABEL_KEY.test(key) ||
        typeof value !== 'string' ||
        !LABEL_VALUE.test(value) ||
        value.length > 63
      ) {
        fields.push({ name: 'labels', messages: [`label ${key}=${value} is invalid`] });
      }
    }
    if (typeof input.user_data === 'string' && Buffer.byteLength(input.user_data) > 32 * 1024) {
      fields.push({ name: 'user_data', messages: ['must be at most 32 KiB'] });
    }
    if (fields.length > 0) {
      throw new ApiError(
        422,
        'invalid_input',
        `invalid input in field '${fields[0]?.name ?? ''}'`,
        { fields },
      );
    }
    if (!SERVER_TYPES.has(type as string)) {
      throw new ApiError(422, 'invalid_input', `server type ${String(type)} not found`, {
        fields: [{ name: 'server_type', messages: [`server type ${String(type)} not found`] }],
      });
    }
    if (!IMAGES.has(image as string)) {
      throw new ApiError(422, 'invalid_input', `image ${String(image)} not found`);
    }
    const location = (input.location as string | undefined) ?? 'fsn1';
    if (!LOCATIONS.has(location))
      throw new ApiError(422, 'invalid_input', `location ${location} not found`);
    if ([...this.servers.values()].some((s) => s.name === name)) {
      throw new ApiError(409, 'uniqueness_error', 'server name is already used', {
        fields: [{ name: 'name' }],
      });
    }
    const keys = (input.ssh_keys ?? []) as number[];
    for (const key of keys) {
      if (!this.sshKeys.has(key))
        throw new ApiError(422, 'invalid_input', `SSH key ${String(key)} not found`);
    }
    const server = this.makeServer(
      name as string,
      type as string,
      image as string,
      location,
      labels,
      (input.user_data as string | undefined) ?? null,
      keys,
    );
    const outcome = this.createOutcome;
    const create = this.makeAction(
      'create_server',
      server.id,
      outcome === 'error' ? 'error' : 'success',
      outcome === 'hang' ? Infinity : this.actionMs,
    );
    const start = this.makeAction(
      'start_server',
      server.id,
      'success',
      outcome === 'hang' ? Infinity : this.actionMs,
    );
    return {
      server,
      action: create,
      next_actions: [start],
      root_password: keys.length === 0 ? 'stand-in-root-pw-Q7x9' : null,
    };
  }

  private makeServer(
    name: string,
    type: string,
    image: string,
    location: string,
    labels: Record<string, string>,
    userData: string | null,
    sshKeys: number[],
  ): StandInServer {
    const id = this.nextId++;
    const n = id % 250;
    const server: StandInServer = {
      id,
      name,
      status: 'initializing',
      created: new Date().toISOString(),
      server_type: { name: type },
      image: { name: image },
      datacenter: { location: { name: location } },
      labels: { ...labels },
      user_data: userData,
      ssh_keys: sshKeys,
      public_net: {
        ipv4: { ip: `203.0.113.${String(n + 1)}` },
        ipv6: { ip: `2001:db8:${n.toString(16)}::/64` },
      },
    };
    this.servers.set(id, server);
    return server;
  }

  private makeAction(
    command: string,
    resource: number,
    outcome: 'success' | 'error',
    ms: number,
  ): unknown {
    const id = this.nextId++;
    const action: StandInAction = {
      id,
      command,
      status: 'running',
      progress: 0,
      started: new Date().toISOString(),
      finished: null,
      resources: [{ id: resource, type: 'server' }],
      error: null,
      endsAt: Date.now() + ms,
      outcome,
    };
    this.actions.set(id, action);
    return this.view(action);
  }

  /** The action as the API shows it now: running until its time, then its outcome. */
  private view(action: StandInAction): unknown {
    if (action.status === 'running' && Date.now() >= action.endsAt) {
      action.status = action.outcome;
      action.progress = 100;
      action.finished = new Date().toISOString();
      if (action.outcome === 'error') {
        action.error = {
          code: 'action_failed',
          message: 'Action failed: no capacity left on host',
        };
      } else {
        const server = this.servers.get(action.resources[0]?.id ?? -1);
        if (server && action.command === 'start_server') server.status = 'running';
      }
    }
    const shown: Partial<StandInAction> = { ...action };
    delete shown.endsAt;
    delete shown.outcome;
    return shown;
  }

  private createSshKey(input: Record<string, unknown>): StandInSshKey {
    const name = input.name;
    const publicKey = input.public_key;
    if (typeof name !== 'string' || name === '')
      throw new ApiError(422, 'invalid_input', "invalid input in field 'name'");
    const blob = typeof publicKey === 'string' ? publicKey.split(/\s+/)[1] : undefined;
    if (blob === undefined)
      throw new ApiError(422, 'invalid_input', "invalid input in field 'public_key'");
    const fingerprint = createHash('md5')
      .update(Buffer.from(blob, 'base64'))
      .digest('hex')
      .replace(/(..)(?!$)/g, '$1:');
    for (const key of this.sshKeys.values()) {
      if (key.name === name)
        throw new ApiError(409, 'uniqueness_error', 'SSH key with the same name already exists');
      if (key.fingerprint === fingerprint) {
        throw new ApiError(
          409,
          'uniqueness_error',
          'SSH key with the same fingerprint already exists',
        );
      }
    }
    const key: StandInSshKey = {
      id: this.nextId++,
      name,
      fingerprint,
      public_key: publicKey as string,
      labels: { ...((input.labels ?? {}) as Record<string, string>) },
      created: new Date().toISOString(),
    };
    this.sshKeys.set(key.id, key);
    return key;
  }
}

function paginate(key: string, items: unknown[], query: URLSearchParams): unknown {
  const perPage = Math.min(50, Math.max(1, Number(query.get('per_page') ?? 25) || 25));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  return {
    [key]: items.slice((page - 1) * perPage, page * perPage),
    meta: {
      pagination: {
        page,
        per_page: perPage,
        previous_page: page > 1 ? page - 1 : null,
        next_page: page < last ? page + 1 : null,
        last_page: last,
        total_entries: items.length,
      },
    },
  };
}

/** Label selectors as documented: comma-separated expressions, all of which must hold. */
export function matchesSelector(labels: Record<string, string>, selector: string | null): boolean {
  if (selector === null || selector.trim() === '') return true;
  const expressions = selector.match(/[^,(]+(\([^)]*\))?/g) ?? [];
  return expressions.every((raw) => {
    const expression = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(expression))) {
      const values = (m[3] ?? '').split(',').map((v) => v.trim());
      const value = labels[m[1] ?? ''];
      const inside = value !== undefined && values.includes(value);
      return m[2] === 'in' ? inside : !inside;
    }
    if ((m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(expression))) {
      const value = labels[m[1] ?? ''];
      return m[2] === '!=' ? value !== m[3] : value === m[3];
    }
    if (expression.startsWith('!')) return !(expression.slice(1) in labels);
    return expression in labels;
  });
}
