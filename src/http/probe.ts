/**
 * One HTTP check attempt. Built on node:http(s) rather than fetch because `resolve` must change
 * only where the socket connects: the Host header, TLS SNI and certificate checks still use the
 * URL's host name, exactly as with curl's `--resolve`. Redirects are not followed — they would
 * leave the machine under test for whatever public DNS says.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIPv6 } from 'node:net';
import { statusAccepted, type HttpCheck } from './spec.ts';

/** Enough of any health page to match a pattern against; the rest is drained unread. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAttempt {
  passed: boolean;
  /** The status, when a response came back. */
  status: number | undefined;
  /** What happened, in words fit for a timeline: `HTTP 200`, `HTTP 503`, `ECONNREFUSED …`. */
  detail: string;
  /** No answer within the attempt's budget. */
  timedOut: boolean;
}

export function attemptHttpCheck(
  check: HttpCheck,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<HttpAttempt> {
  const { url } = check;
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const attemptSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    const request = transport.request(url, {
      method: 'GET',
      headers: { 'user-agent': 'recipe-ci-readiness', ...check.headers },
      agent: false,
      signal: attemptSignal,
      rejectUnauthorized: !check.insecure,
      lookup: check.resolve === undefined ? undefined : pinnedLookup(check.resolve),
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const timedOut = attemptSignal.aborted && !signal.aborted;
      resolve({
        passed: false,
        status: undefined,
        timedOut,
        detail: timedOut
          ? `no answer within ${String(timeoutMs)}ms`
          : `${error.code ?? 'error'}: ${error.message}`,
      });
    });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('error', () => {
        /* reported through the request's error */
      });
      response.on('end', () => {
        const body = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
        const location = response.headers.location;
        const shown = `HTTP ${String(status)}${location ? ` → ${location}` : ''}`;
        if (!statusAccepted(status, check)) {
          resolve({
            passed: false,
            status,
            timedOut: false,
            detail: `${shown}, expected ${check.status.text}`,
          });
        } else if (check.body && !check.body.test(body)) {
          resolve({
            passed: false,
            status,
            timedOut: false,
            detail: `${shown}, body does not match ${String(check.body)}`,
          });
        } else {
          resolve({ passed: true, status, timedOut: false, detail: shown });
        }
      });
    });
    request.end();
  });
}

/** A DNS lookup that always answers `address`, in both shapes Node asks for. */
function pinnedLookup(address: string): LookupFunction {
  const family = isIPv6(address) ? 6 : 4;
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
