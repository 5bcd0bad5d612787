/**
 * The readiness inputs, parsed once into typed settings. Every problem — empty or malformed
 * hosts, an unknown cloud-init mode, an unreadable key, a budget that does not fit in the job —
 * is a ConfigurationError raised before the first connection.
 */
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { formatDuration } from '../shared/duration.ts';
import type { Inputs } from '../platform/inputs.ts';
import type { GateSettings } from './gate.ts';
import { parseHostTarget, type HostTarget } from './hosts.ts';
import { HttpSpecError, parseHttpChecks, type HttpCheck } from '../http/spec.ts';
import { JOB_SLACK_MS } from '../platform/job-deadline.ts';

/**
 * What must be left of the job after the gate's own budget: the job's slack, for diagnostics
 * over SSH, the report and the post steps that clean up (one figure for every step).
 */
export const JOB_TIMEOUT_MARGIN_MS = JOB_SLACK_MS;

export interface ReadinessSettings {
  hosts: HostTarget[];
  privateKey: string;
  gate: GateSettings;
  http: HttpCheck[];
}

export function readReadinessSettings(inputs: Inputs): ReadinessSettings {
  const user = inputs.defaulted('user', inputs.string('user'));
  const port = inputs.defaulted('port', inputs.integer('port', { min: 1, max: 65535 }));
  const specs = inputs.list('hosts');
  if (specs.length === 0) {
    inputs.fail('hosts', 'is required but empty; give one or more [user@]host[:port]');
  }
  const hosts: HostTarget[] = [];
  for (const spec of specs) {
    const parsed = parseHostTarget(spec, { user, port });
    if (typeof parsed === 'string')
      inputs.fail('hosts', `entry ${parsed}; write [user@]host[:port]`);
    if (hosts.some((h) => h.host === parsed.host && h.port === parsed.port)) {
      inputs.fail(
        'hosts',
        `lists ${parsed.host}:${String(parsed.port)} twice; list each host once`,
      );
    }
    hosts.push(parsed);
  }

  const timeoutMs = inputs.defaulted('timeout', inputs.duration('timeout', { min: 1000 }));
  const connectTimeoutMs = inputs.defaulted(
    'connect-timeout',
    inputs.duration('connect-timeout', { min: 100 }),
  );
  const intervalMs = inputs.defaulted(
    'interval',
    inputs.duration('interval', { min: 50, max: 60_000 }),
  );
  const settle = inputs.defaulted('settle', inputs.integer('settle', { min: 1, max: 20 }));
  const cloudInit = inputs.defaulted(
    'cloud-init',
    inputs.choice('cloud-init', ['wait', 'require', 'skip']),
  );
  const allow = new Set<'done' | 'degraded'>();
  for (const state of inputs.list('cloud-init-allow')) {
    if (state !== 'done' && state !== 'degraded') {
      inputs.fail(
        'cloud-init-allow',
        `lists "${state}"; only done and degraded can count as ready (error always fails)`,
      );
    }
    allow.add(state);
  }
  if (allow.size === 0) inputs.fail('cloud-init-allow', 'is empty; list done, degraded or both');
  if (connectTimeoutMs > timeoutMs) {
    inputs.fail(
      'connect-timeout',
      `(${formatDuration(connectTimeoutMs)}) must not exceed timeout (${formatDuration(timeoutMs)})`,
    );
  }
  const jobTimeoutMs = inputs.duration('job-timeout', { min: 1000 });
  if (jobTimeoutMs !== undefined && timeoutMs + JOB_TIMEOUT_MARGIN_MS > jobTimeoutMs) {
    inputs.fail(
      'timeout',
      `(${formatDuration(timeoutMs)}) plus ${formatDuration(JOB_TIMEOUT_MARGIN_MS)} for diagnostics and cleanup does not fit in job-timeout (${formatDuration(jobTimeoutMs)}); lower timeout or raise the job's timeout-minutes`,
    );
  }
  const http = readHttpChecks(inputs);
  // Last: the key is the one input read from disk.
  const privateKey = readPrivateKey(inputs);
  return {
    hosts,
    privateKey,
    gate: { timeoutMs, connectTimeoutMs, intervalMs, settle, cloudInit, cloudInitAllow: allow },
    http,
  };
}

function readHttpChecks(inputs: Inputs): HttpCheck[] {
  try {
    return parseHttpChecks(inputs.yaml('http'));
  } catch (error) {
    if (error instanceof HttpSpecError) inputs.fail('http', error.message);
    throw error;
  }
}

/** Header values that are credentials, to be masked like any secret input. */
export function sensitiveHeaderValues(checks: readonly HttpCheck[]): string[] {
  return checks.flatMap((check) =>
    Object.entries(check.headers)
      .filter(([name]) => /auth|cookie|token|secret|key|pass/i.test(name))
      .map(([, value]) => value),
  );
}

function readPrivateKey(inputs: Inputs): string {
  const text = inputs.secret('private-key');
  const path = inputs.string('private-key-path');
  if (text !== undefined && path !== undefined) {
    inputs.fail('private-key', 'and private-key-path were both given; give one');
  }
  let key: string;
  if (text !== undefined) {
    key = text.endsWith('\n') ? text : `${text}\n`;
  } else if (path !== undefined) {
    try {
      key = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      inputs.fail(
        'private-key-path',
        `"${path}" cannot be read (${code}); check the path and its permissions`,
      );
    }
  } else {
    inputs.fail('private-key', 'is required: give private-key or private-key-path');
  }
  const parsed = ssh2.utils.parseKey(key);
  if (parsed instanceof Error) {
    inputs.fail(
      text !== undefined ? 'private-key' : 'private-key-path',
      `is not a usable private key (${parsed.message}); give an unencrypted OpenSSH or PEM key`,
    );
  }
  return key;
}
