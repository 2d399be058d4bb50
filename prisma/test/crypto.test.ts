import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@megzo/domain';
import { createSecretBox, keyIdOf, loadSecretBox, parseKey } from '../src/crypto.ts';

const dir = mkdtempSync(join(tmpdir(), 'megzo-crypto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crypto', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('round-trips text and JSON, with a fresh IV each time', () => {
    const a = box.encrypt('s3cret');
    const b = box.encrypt('s3cret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret');
    expect(a.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    expect(box.decrypt(a)).toBe('s3cret');
    expect(box.decryptJson(box.encryptJson({ apiKey: 'k', n: 1 }))).toEqual({ apiKey: 'k', n: 1 });
  });

  it('detects tampering', () => {
    const parts = box.encrypt('hello world').split('.');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = data[0]! ^ 1;
    parts[4] = data.toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow(/tampered or wrong key/);
    expect(() => box.decrypt('plain text')).toThrow(ConfigError);
  });

  it('reads values of a previous key after rotation and re-encrypts them', () => {
    const oldBox = createSecretBox(key);
    const stored = oldBox.encrypt('rotate me');
    const newKey = randomBytes(32);
    const rotated = createSecretBox(newKey, [key]);
    expect(rotated.decrypt(stored)).toBe('rotate me');
    const re = rotated.reencrypt(stored);
    expect(re.split('.')[1]).toBe(keyIdOf(newKey));
    expect(() => createSecretBox(newKey).decrypt(stored)).toThrow(/not configured/);
  });

  it('parses base64 and hex keys and names the variable on a bad one', () => {
    expect(parseKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseKey(key.toString('hex')).equals(key)).toBe(true);
    expect(() => parseKey('c2hvcnQ=')).toThrow(/MEGZO_SECRET_KEY must be 32 bytes/);
  });

  it('uses MEGZO_SECRET_KEY, refuses production without it, and generates the dev key once', () => {
    const envBox = loadSecretBox({ MEGZO_SECRET_KEY: key.toString('hex') }, join(dir, 'unused.key'));
    expect(envBox.keyId).toBe(keyIdOf(key));
    expect(() => loadSecretBox({ NODE_ENV: 'production' }, join(dir, 'p.key'))).toThrow(/must be set in production/);
    const file = join(dir, 'secret.key');
    const first = loadSecretBox({}, file);
    const written = readFileSync(file, 'utf8');
    const second = loadSecretBox({}, file);
    expect(second.keyId).toBe(first.keyId);
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(second.decrypt(first.encrypt('dev'))).toBe('dev');
  });
});
