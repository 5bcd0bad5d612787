/**
 * One authenticated SSH connection through ssh2 (no system `ssh`, never a password prompt).
 * We open the TCP socket ourselves so a failure is classified by the stage it reached: no TCP
 * (refused, timeout), TCP but no SSH banner (a tarpit, or sshd not yet started behind a proxy),
 * banner but no handshake, handshake but the key is refused, or a host key other than the pinned.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import ssh2, { Client, type ParsedKey, type PublicKeyAuthMethod } from 'ssh2';
import { classifySshError, SshFailure } from './failure.ts';
import { sha256Fingerprint } from './fingerprint.ts';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
}

/** A private key as text, or parsed once by preparsePrivateKey for many connections. */
export type PrivateKey = string | Buffer | ParsedKey;

/**
 * Parse a private key once. Given text, ssh2 parses it and builds its crypto key objects again
 * on every connect, which a gate polling many hosts repeats hundreds of times. A key that does not
 * parse is returned as it is, so that connecting reports it as before.
 */
export function preparsePrivateKey(key: string | Buffer): PrivateKey {
  // ssh2 is CommonJS: its `utils` is reached through the default export.
  const parsed = ssh2.utils.parseKey(key) as ParsedKey | ParsedKey[] | Error;
  if (parsed instanceof Error) return key;
  return (Array.isArray(parsed) ? parsed[0] : parsed) ?? key;
}

export interface ConnectOptions {
  target: SshTarget;
  privateKey: PrivateKey;
  /** Budget for TCP connect, banner, handshake and authentication together. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Accept or refuse the host key by fingerprint (pinning); every key is accepted without it. */
  acceptHostKey?: (fingerprint: string) => boolean;
}

export interface ExecResult {
  /** The command's exit status; null when the connection dropped before it ended. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SshSession {
  /** SHA256 fingerprint of the host key the server proved it holds. */
  readonly hostKey: string;
  /** The host key as `<type> <base64>`, the second half of a known_hosts line. */
  readonly hostKeyText: string;
  readonly isOpen: boolean;
  exec(command: string, timeoutMs: number): Promise<ExecResult>;
  close(): void;
}

export async function openSshSession(options: ConnectOptions): Promise<SshSession> {
  const { target, timeoutMs, signal } = options;
  if (signal?.aborted) throw new SshFailure('aborted', 'cancelled');
  const deadline = Date.now() + timeoutMs;
  const socket = await connectSocket(target, timeoutMs, signal);
  let sawBytes = false;
  socket.once('data', () => (sawBytes = true));
  const client = new Client();
  let hostKey = '';
  let hostKeyText = '';
  let refusedKey = '';
  let open = false;

  const ready = new Promise<void>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      client.end();
      socket.destroy();
      settle(() => {
        reject(new SshFailure('aborted', 'cancelled'));
      });
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    function settle(fn: () => void): void {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    }
    client.once('ready', () => {
      settle(() => {
        open = true;
        resolve();
      });
    });
    // ssh2 may emit more than one error for one failure (a timeout, then the lost connection):
    // the first decides, the rest must not become uncaught exceptions.
    client.on('error', (error: Error) => {
      settle(() => {
        socket.destroy();
        if (!sawBytes) {
          reject(new SshFailure('no-banner', 'TCP connected but the server sent no SSH banner'));
        } else if (refusedKey) {
          reject(
            new SshFailure('host-key-mismatch', `host key ${refusedKey} is not the pinned one`),
          );
        } else {
          reject(classifySshError(error));
        }
      });
    });
    client.once('close', () => {
      settle(() => {
        reject(new SshFailure('reset', 'connection closed during the handshake'));
      });
    });
  });
  client.on('close', () => (open = false));
  const key = options.privateKey;
  const text = typeof key === 'string' || Buffer.isBuffer(key);
  const publickey: PublicKeyAuthMethod = { type: 'publickey', username: target.user, key };
  client.connect({
    sock: socket,
    username: target.user,
    // A parsed key goes through the auth handler, which ssh2 takes as it is; publickey only, as
    // with a key given as text.
    ...(text ? { privateKey: key } : { authHandler: [publickey] }),
    readyTimeout: Math.max(1, deadline - Date.now()),
    tryKeyboard: false,
    hostVerifier: (key: Buffer) => {
      hostKey = sha256Fingerprint(key);
      hostKeyText = `${keyType(key)} ${key.toString('base64')}`;
      const accepted = options.acceptHostKey?.(hostKey) ?? true;
      if (!accepted) refusedKey = hostKey;
      return accepted;
    },
  });
  await ready;

  return {
    hostKey,
    hostKeyText,
    get isOpen() {
      return open;
    },
    exec: (command, execTimeoutMs) => execOn(client, command, execTimeoutMs),
    close: () => {
      client.end();
      socket.destroy();
    },
  };
}

function connectSocket(
  target: SshTarget,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      fail(new SshFailure('timeout', `TCP connect timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = (): void => {
      fail(new SshFailure('aborted', 'cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('error');
      socket.removeAllListeners('connect');
    }
    function fail(error: SshFailure): void {
      done();
      socket.destroy();
      reject(error);
    }
    socket.once('connect', () => {
      done();
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error) => {
      fail(classifySshError(error));
    });
  });
}

function execOn(client: Client, command: string, timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new SshFailure('timeout', `"${command}" did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const onClose = (): void => {
      clearTimeout(timer);
      reject(new SshFailure('reset', 'the connection closed before the command ran'));
    };
    client.once('close', onClose);
    client.exec(command, (error, stream) => {
      if (error) {
        clearTimeout(timer);
        client.off('close', onClose);
        reject(classifySshError(error));
        return;
      }
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      stream.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      stream.on('exit', (status: unknown) => {
        code = typeof status === 'number' ? status : null;
      });
      stream.on('close', () => {
        clearTimeout(timer);
        client.off('close', onClose);
        resolve({ code, stdout, stderr });
      });
    });
  });
}

/** The key type named at the start of an SSH public key blob (a uint32 length, then the name). */
function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}
