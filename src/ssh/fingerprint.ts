import { createHash } from 'node:crypto';

/** OpenSSH's fingerprint of a host key blob: `SHA256:` and unpadded base64, as `ssh-keygen -l` prints. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}
