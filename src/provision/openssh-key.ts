/**
 * A fresh ed25519 key pair in OpenSSH's own private-key format (PROTOCOL.key), written by us.
 * Why not ssh2's generateKeyPairSync: it strips leading zero bytes from the 32-byte public key,
 * so about one key in 256 comes out malformed and neither ssh2 nor OpenSSH will load it — a
 * flake that would surface as "readiness cannot log in" once every few hundred runs.
 *
 * Why not node:crypto's generateKeyPairSync: on Node 20 a garbage collection during a JWK export
 * can run the finished key-generation job's destructor, which waits for the lock the export
 * holds, and the process hangs for good (seen once in 1000 keys). The key is instead made from 32
 * random bytes (the ed25519 seed, RFC 8032) wrapped in PKCS#8, which involves no such job.
 */
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';

/** DER before the 32-byte seed in an ed25519 PKCS#8 private key (RFC 8410, section 7). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** DER before the 32-byte public key in an ed25519 SubjectPublicKeyInfo (RFC 8410, section 4). */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

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
  const seed = randomBytes(32);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  if (!spki.subarray(0, SPKI_ED25519_PREFIX.length).equals(SPKI_ED25519_PREFIX)) {
    throw new Error('unexpected ed25519 public key encoding');
  }
  const pub = spki.subarray(SPKI_ED25519_PREFIX.length);
  if (pub.length !== 32) throw new Error('unexpected ed25519 key size');

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
