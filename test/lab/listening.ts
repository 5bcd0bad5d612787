/**
 * Whether a TCP socket listens on address:port inside a process's network namespace, read from
 * /proc/<pid>/net/tcp. The lab uses it to know the moment sshd (or the tarpit) is accepting —
 * without connecting, so it works behind the blackhole and leaves nothing in sshd's log.
 */
import { endianness } from 'node:os';
import { readFile } from 'node:fs/promises';

/** /proc's hex form of an IPv4 address: the 32-bit value in host byte order. */
function procHex(address: string): string {
  const bytes = address.split('.').map(Number);
  if (endianness() === 'LE') bytes.reverse();
  return bytes.map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}

/** True when a socket in `pid`'s network namespace is LISTENing on address:port (or 0.0.0.0). */
export async function isListening(pid: number, address: string, port: number): Promise<boolean> {
  let table: string;
  try {
    table = await readFile(`/proc/${pid}/net/tcp`, 'utf8');
  } catch {
    return false;
  }
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const wanted = new Set([`${procHex(address)}:${portHex}`, `00000000:${portHex}`]);
  return table
    .split('\n')
    .slice(1)
    .some((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[3] === '0A' && wanted.has(fields[1] ?? '');
    });
}
