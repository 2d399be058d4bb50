/**
 * Secrets at rest (DESIGN.md invariant 6): AES-256-GCM with a random 96-bit IV per value.
 *
 * Ciphertext format: `v1.<keyId>.<iv>.<tag>.<data>` (base64url parts). `keyId` is the
 * first 8 hex digits of sha256(key), so values written under an older key stay
 * readable after rotation: set MEGZO_SECRET_KEY to the new key and list the old ones in
 * MEGZO_SECRET_KEYS_PREVIOUS (comma-separated), then re-encrypt with `reencrypt`.
 *
 * Key source: MEGZO_SECRET_KEY (32 bytes as base64 or 64 hex digits). In development
 * (no variable, NODE_ENV not 'production') a key is generated once into
 * <repo>/.data/secret.key and reused.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '@megzo/domain';
import { DATA_DIR } from './paths.ts';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';

export interface SecretBox {
  /** Id of the key new values are encrypted with. */
  readonly keyId: string;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  encryptJson(value: unknown): string;
  decryptJson<T = unknown>(ciphertext: string): T;
  /** Decrypt with whichever key wrote it, encrypt with the current key. */
  reencrypt(ciphertext: string): string;
}

/** Parse a 32-byte key written as 64 hex digits or base64/base64url. */
export function parseKey(text: string, name = 'MEGZO_SECRET_KEY'): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) {
    throw new ConfigError({
      message: `${name} must be 32 bytes written as base64 or 64 hex digits (got ${key.length} bytes)`,
      path: name,
    });
  }
  return key;
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function createSecretBox(current: Buffer, previous: Buffer[] = []): SecretBox {
  const keys = new Map<string, Buffer>();
  for (const k of [current, ...previous]) keys.set(keyIdOf(k), k);
  const keyId = keyIdOf(current);

  const encrypt = (plaintext: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, current, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  };

  const decrypt = (ciphertext: string): string => {
    const parts = ciphertext.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) {
      throw new ConfigError({ message: 'stored secret is not in the expected encrypted format', code: 'SECRET_FORMAT' });
    }
    const [, id, iv, tag, data] = parts as [string, string, string, string, string];
    const key = keys.get(id);
    if (!key) {
      throw new ConfigError({
        message: `stored secret was encrypted with key ${id}, which is not configured (MEGZO_SECRET_KEY / MEGZO_SECRET_KEYS_PREVIOUS)`,
        code: 'SECRET_KEY_UNKNOWN',
      });
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch (e) {
      throw new ConfigError({ message: `stored secret could not be decrypted with key ${id} (tampered or wrong key)`, code: 'SECRET_CORRUPT', cause: e });
    }
  };

  return {
    keyId,
    encrypt,
    decrypt,
    encryptJson: (value) => encrypt(JSON.stringify(value)),
    decryptJson: <T>(ciphertext: string) => JSON.parse(decrypt(ciphertext)) as T,
    reencrypt: (ciphertext) => encrypt(decrypt(ciphertext)),
  };
}

/** Read (or, the first time, create) the development key file. */
function developmentKey(file: string): Buffer {
  try {
    return parseKey(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process won the race
  }
  return parseKey(readFileSync(file, 'utf8'), file);
}

export interface SecretBoxEnv {
  MEGZO_SECRET_KEY?: string;
  MEGZO_SECRET_KEYS_PREVIOUS?: string;
  NODE_ENV?: string;
}

/** The box configured by the environment (or the development key file). */
export function loadSecretBox(env: SecretBoxEnv = process.env, keyFile = join(DATA_DIR, 'secret.key')): SecretBox {
  const previous = (env.MEGZO_SECRET_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((k) => parseKey(k, 'MEGZO_SECRET_KEYS_PREVIOUS'));
  if (env.MEGZO_SECRET_KEY) return createSecretBox(parseKey(env.MEGZO_SECRET_KEY), previous);
  if (env.NODE_ENV === 'production') {
    throw new ConfigError({ message: 'MEGZO_SECRET_KEY must be set in production (32 bytes, base64 or hex)', path: 'MEGZO_SECRET_KEY' });
  }
  return createSecretBox(developmentKey(keyFile), previous);
}

let defaultBox: SecretBox | undefined;

/** The process-wide box, loaded on first use. */
export function secretBox(): SecretBox {
  defaultBox ??= loadSecretBox();
  return defaultBox;
}

export const encryptSecret = (plaintext: string): string => secretBox().encrypt(plaintext);
export const decryptSecret = (ciphertext: string): string => secretBox().decrypt(ciphertext);
export const encryptJson = (value: unknown): string => secretBox().encryptJson(value);
export const decryptJson = <T = unknown>(ciphertext: string): T => secretBox().decryptJson<T>(ciphertext);
