/**
 * The run's SSH key. A fresh ed25519 pair per run unless the user gives one: the private half is
 * written 0600 under RUNNER_TEMP (wiped when the job ends) and masked; only its path travels on,
 * in outputs and state. The key is in OpenSSH's private-key format, which both ssh2 (readiness)
 * and OpenSSH's `ssh -i` accept.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { generateEd25519 } from './openssh-key.ts';
import { runnerTemp } from '../platform/run-origin.ts';

export type KeySource =
  | { kind: 'generate' }
  | { kind: 'text'; text: string }
  | { kind: 'path'; path: string }
  | { kind: 'none' };

export interface RunKey {
  privateKey: string;
  privateKeyPath: string;
  /** `ssh-ed25519 AAAA… comment`, for authorized_keys and the provider. */
  publicKey: string;
  /** MD5 fingerprint as Hetzner shows it (`aa:bb:…`), to find an already-uploaded key. */
  md5Fingerprint: string;
  /** True when we wrote the file (so we may delete it). */
  written: boolean;
}

/** Folder for the run's key file: RUNNER_TEMP on a runner, the system temp dir elsewhere. */
function keyFolder(env: NodeJS.ProcessEnv): string {
  return mkdtempSync(join(runnerTemp(env), 'recipe-ci-key-'));
}

function writeKey(text: string, env: NodeJS.ProcessEnv): string {
  const path = join(keyFolder(env), 'id_ed25519');
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600); // the umask must not widen it
  return path;
}

/** The public key line and fingerprint of a private key; an Error when it is not a usable key. */
export function publicHalf(
  privateKey: string,
  comment: string,
): Error | { line: string; md5: string } {
  // Typed as one key; ssh2 returns a list for files with several, so accept both.
  const parsed = ssh2.utils.parseKey(privateKey) as ParsedKey | ParsedKey[] | Error;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined || key instanceof Error) return key ?? new Error('no key found');
  if (!key.isPrivateKey()) return new Error('this is a public key; give the private key');
  const blob = key.getPublicSSH();
  const md5 = createHash('md5')
    .update(blob)
    .digest('hex')
    .replace(/(..)(?!$)/g, '$1:');
  return { line: `${key.type} ${blob.toString('base64')} ${comment}`, md5 };
}

/**
 * Make or read the run's key. `mask` is called with the private key before anything else
 * happens to it, so no later log line can show it.
 */
export function prepareRunKey(
  source: KeySource,
  comment: string,
  env: NodeJS.ProcessEnv,
  mask: (secret: string) => void,
): RunKey | undefined {
  if (source.kind === 'none') return undefined;
  let privateKey: string;
  let privateKeyPath: string | undefined;
  if (source.kind === 'generate') {
    privateKey = generateEd25519(comment).private;
  } else if (source.kind === 'text') {
    privateKey = source.text.endsWith('\n') ? source.text : `${source.text}\n`;
  } else {
    privateKey = readFileSync(source.path, 'utf8');
    privateKeyPath = source.path;
  }
  mask(privateKey);
  const half = publicHalf(privateKey, comment);
  if (half instanceof Error) throw half;
  const written = privateKeyPath === undefined;
  return {
    privateKey,
    privateKeyPath: privateKeyPath ?? writeKey(privateKey, env),
    publicKey: half.line,
    md5Fingerprint: half.md5,
    written,
  };
}
