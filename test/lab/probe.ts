/**
 * A raw TCP look at a port, with no SSH client in between: did the connection get refused, time
 * out, connect and stay silent, or connect and show an SSH identification banner? These are the
 * facts that tell a blackhole from a tarpit from a down sshd.
 */
import { Socket } from 'node:net';

export type TcpProbeResult =
  /** Connected and the peer sent its first line (for sshd: `SSH-2.0-OpenSSH_…`). */
  | { readonly outcome: 'banner'; readonly banner: string; readonly connectedAt: number }
  /** Connected, but nothing arrived within the wait. */
  | { readonly outcome: 'silent'; readonly connectedAt: number }
  /** Connected, then the peer closed or reset the connection without a full first line. */
  | { readonly outcome: 'closed'; readonly connectedAt: number }
  /** The peer answered the SYN with a reset: nothing listens there. */
  | { readonly outcome: 'refused' }
  /** No answer to the SYN at all within the connect timeout. */
  | { readonly outcome: 'timeout' }
  /** Any other failure (EHOSTUNREACH, ENETUNREACH…). */
  | { readonly outcome: 'error'; readonly code: string };

export interface TcpProbeOptions {
  /** How long to wait for the TCP handshake. */
  readonly connectTimeoutMs: number;
  /** How long to wait for the first line once connected. */
  readonly bannerTimeoutMs: number;
}

/** Connect once to address:port and report what happened. */
export function tcpProbe(
  address: string,
  port: number,
  options: TcpProbeOptions,
): Promise<TcpProbeResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let received = '';
    let connectedAt = 0;
    let timer = setTimeout(() => finish({ outcome: 'timeout' }), options.connectTimeoutMs);
    const finish = (result: TcpProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    socket.on('connect', () => {
      connectedAt = Date.now();
      clearTimeout(timer);
      timer = setTimeout(() => finish({ outcome: 'silent', connectedAt }), options.bannerTimeoutMs);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\n');
      if (end >= 0) {
        finish({ outcome: 'banner', banner: received.slice(0, end).trimEnd(), connectedAt });
      }
    });
    socket.on('close', () => {
      if (connectedAt) finish({ outcome: 'closed', connectedAt });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') finish({ outcome: 'refused' });
      else if (connectedAt) finish({ outcome: 'closed', connectedAt });
      else finish({ outcome: 'error', code: error.code ?? error.message });
    });
    socket.connect({ host: address, port });
  });
}
