/**
 * The one image the lab's engines run: Debian's static busybox as the whole root file system,
 * `docker import`ed, because no registry is reachable from the lab. It serves HTTP with
 * `busybox httpd`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const BUSYBOX = '/bin/busybox';
/** The image every fixture runs. */
export const BUSYBOX_IMAGE = 'recipe-ci-busybox:lab';
const APPLETS = [
  'sh',
  'httpd',
  'echo',
  'cat',
  'sleep',
  'mkdir',
  'ls',
  'test',
  'true',
  'false',
  'wget',
  'grep',
  'rm',
];

/** Why the image cannot be made on this machine, or undefined when it can. */
export function busyboxMissing(): string | undefined {
  if (!existsSync(BUSYBOX))
    return `no ${BUSYBOX} for the local image: apt-get install busybox-static`;
  const linked = spawnSync('ldd', [BUSYBOX], { encoding: 'utf8' });
  if (linked.status === 0 && !/not a dynamic executable/.test(linked.stdout + linked.stderr))
    return `${BUSYBOX} is not static: apt-get install busybox-static`;
  return undefined;
}

/** Import the image into the engine at `host` (synchronously: tar and import are quick). */
export function importBusyboxSync(host: string): void {
  const rootfs = mkdtempSync('/var/tmp/recipe-ci-busybox-');
  try {
    mkdirSync(join(rootfs, 'bin'));
    mkdirSync(join(rootfs, 'tmp'));
    copyFileSync(BUSYBOX, join(rootfs, 'bin', 'busybox'));
    for (const applet of APPLETS) symlinkSync('busybox', join(rootfs, 'bin', applet));
    const tar = spawnSync('tar', ['-C', rootfs, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
    const imported = spawnSync(
      'docker',
      ['-H', host, 'import', '--change', 'ENV PATH=/bin', '-', BUSYBOX_IMAGE],
      { input: tar.stdout, encoding: 'utf8' },
    );
    if (imported.status !== 0) throw new Error(`docker import: ${imported.stderr}`);
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
}
