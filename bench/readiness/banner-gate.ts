/**
 * The banner-only gate: what many provisioning scripts do. Connect over TCP, and pass as soon as
 * the peer's first line starts with `SSH-`; otherwise try again 250 ms later. It is here to show
 * how often such a gate passes on a host that is not ready.
 */
import { Socket } from 'node:net';

export const BANNER_RETRY_MS = 250;

export interface BannerGateResult {
  ready: boolean;
  /** Date.now() when it passed (or gave up). */
  at: number;
  attempts: number;
}

/** One attempt: true if the first line began with `SSH-`. */
function seesBanner(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let received = '';
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\n') || received.length >= 4) done(received.startsWith('SSH-'));
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
    socket.connect({ host, port });
  });
}

export async function bannerGate(
  host: string,
  port: number,
  options: { timeoutMs: number; connectTimeoutMs: number },
): Promise<BannerGateResult> {
  const deadline = Date.now() + options.timeoutMs;
  let attempts = 0;
  while (Date.now() < deadline) {
    attempts++;
    if (await seesBanner(host, port, options.connectTimeoutMs)) {
      return { ready: true, at: Date.now(), attempts };
    }
    await new Promise((r) => setTimeout(r, BANNER_RETRY_MS));
  }
  return { ready: false, at: Date.now(), attempts };
}
