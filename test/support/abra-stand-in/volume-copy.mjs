// How the abra stand-in copies a volume's data for `app backup create` and `app restore`: from
// and into a folder on this machine (a recorded volume, or a local engine's mount point), or
// through ssh with tar on a server's own engine, since its volumes live on that server's disk.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Copy the folder `dir` to `into`. */
export function copyVolumeOut(dir, into) {
  cpSync(dir, into, { recursive: true });
}

/** Replace the content of `dir` with `from`'s; the folder itself stays (an engine's mount point). */
export function copyVolumeIn(from, dir) {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  cpSync(from, dir, { recursive: true });
}

const quote = (text) => `'${text.replaceAll("'", `'\\''`)}'`;

/** `remote` runs a shell command on the server ({ argv, input } → spawnSync result). */
export function copyRemoteVolumeOut(remote, dir, into) {
  mkdirSync(into, { recursive: true });
  const packed = remote(`tar -C ${quote(dir)} -cf - .`);
  if (packed.status !== 0) throw new Error(`stand-in: tar on the server: ${packed.stderr}`);
  const unpacked = spawnSync('tar', ['-C', into, '-xf', '-'], { input: packed.stdout });
  if (unpacked.status !== 0) throw new Error(`stand-in: tar here: ${unpacked.stderr}`);
}

export function copyRemoteVolumeIn(remote, from, dir) {
  const packed = spawnSync('tar', ['-C', from, '-cf', '-', '.'], { maxBuffer: 256 << 20 });
  if (packed.status !== 0) throw new Error(`stand-in: tar here: ${packed.stderr}`);
  const command = `find ${quote(dir)} -mindepth 1 -delete && tar -C ${quote(dir)} -xf -`;
  const unpacked = remote(command, packed.stdout);
  if (unpacked.status !== 0) throw new Error(`stand-in: tar on the server: ${unpacked.stderr}`);
}
