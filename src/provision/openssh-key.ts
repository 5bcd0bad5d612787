/**
 * A fresh ed25519 key pair in OpenSSH's own private-key format (PROTOCOL.key), written by us.
 * Why not ssh2's generateKeyPairSync: it strips leading zero bytes from the 32-byte public key,
 * so about one key in 256 comes out malformed and neither ssh2 nor OpenSSH will load it — a
 * flake that would surface as "readiness cannot log in" once every few hundred runs.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

const BLOCK = 8; // cipher "none" pads to 8 bytes

function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

export interface GeneratedKey {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----` … unencrypted. */
  private: string;
  /** `ssh-ed25519 AAAA… comment`. */
  public: string;
}

export function generateEd25519(comment: string): GeneratedKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  if (seed.length !== 32 || pub.length !== 32) throw new Error('unexpected ed25519 key size');

  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  const unpadded = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const padLength = (BLOCK - (unpadded.length % BLOCK)) % BLOCK;
  const padding = Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1));
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    Buffer.from([0, 0, 0, 1]),
    sshString(publicBlob),
    sshString(Buffer.concat([unpadded, padding])),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return {
    private: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
    public: `ssh-ed25519 ${publicBlob.toString('base64')} ${comment}`,
  };
}
