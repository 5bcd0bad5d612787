/**
 * What the lab needs from the machine, checked before it touches anything, with a message that
 * says how to get it.
 */
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** The machine cannot host the lab (not root, a tool missing). */
export class LabUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabUnavailableError';
  }
}

const TOOLS = [
  'ip',
  'nsenter',
  'unshare',
  'mount',
  'mknod',
  'nft',
  'ssh',
  'ssh-keygen',
  'ssh-keyscan',
  'sshd',
];
const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function onPath(tool: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SYSTEM_PATH];
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Throw LabUnavailableError unless this process can run the lab. */
export function assertLabCanRun(): void {
  if (process.getuid?.() !== 0) {
    throw new LabUnavailableError(
      'the guest lab needs root: it creates network and mount namespaces and runs sshd. ' +
        'Run the integration tests as root (CI does), after preparing the machine once with ' +
        '`sudo bash test/lab/setup.sh`.',
    );
  }
  const missing = TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    throw new LabUnavailableError(
      `the guest lab needs ${missing.join(', ')}: run \`bash test/lab/setup.sh\` as root`,
    );
  }
}
