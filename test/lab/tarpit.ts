/**
 * A tarpit: something on port 22 that completes the TCP handshake and then never says a word.
 * A client that only checks "the port is open" is fooled by it; one that waits for the SSH
 * identification banner (with a timeout) is not.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** Accept connections, read and discard what the client sends, never write. */
const SCRIPT = `
const net = require('node:net');
const [address, port] = process.argv.slice(1);
const held = new Set();
net
  .createServer((socket) => {
    held.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => held.delete(socket));
    socket.resume();
  })
  .listen(Number(port), address);
`;

/**
 * Start the tarpit in the guest's network namespace only: it runs this same Node binary from the
 * host's file system, which the guest's mount namespace may hide.
 */
export function spawnTarpit(
  namespace: string,
  address: string,
  port: number,
  logFd: number,
): ChildProcess {
  const child = spawn(
    'nsenter',
    [`--net=/run/netns/${namespace}`, '--', process.execPath, '-e', SCRIPT, address, String(port)],
    { stdio: ['ignore', logFd, logFd], detached: true }, // as sshd: out of the driver's group
  );
  child.unref();
  return child;
}
