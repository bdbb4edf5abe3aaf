import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import type { Config } from './config.js';
import { canonicalJson, sha256Hex } from './canonical.js';

/**
 * The audit chain's secret (issue 10, fix first 5): a key that is never stored in the database, so
 * someone who can rewrite `audit_log` (and recompute every SHA-256) cannot make the MACs agree.
 * From AUDIT_HMAC_KEY, or else from AUDIT_KEY_FILE (default DATA_DIR/audit-hmac.key), which is
 * created with mode 0600 on first start. Earlier keys (AUDIT_HMAC_OLD_KEYS, or the earlier lines
 * of the key file) still verify the rows they signed; the newest signs.
 */
export interface AuditKey {
  id: string;
  secret: Buffer;
}

export interface AuditKeyring {
  /** Signs new rows and checkpoints. */
  current: AuditKey;
  /** Every key that verifies, by id (the current one included). */
  byId: Map<string, AuditKey>;
}

/** A key's public name: the first 16 hex digits of a SHA-256 over a fixed label and the key. */
export function auditKeyId(secret: Buffer): string {
  return sha256Hex(Buffer.concat([Buffer.from('transferone-audit-key:'), secret])).slice(0, 16);
}

const toKey = (text: string): AuditKey => {
  const secret = Buffer.from(text.trim(), 'utf8');
  return { id: auditKeyId(secret), secret };
};

export function makeKeyring(current: string, old: string[] = []): AuditKeyring {
  const keys = [...old.map(toKey), toKey(current)];
  return { current: keys[keys.length - 1], byId: new Map(keys.map((k) => [k.id, k])) };
}

/** A new random key (base64url, 43 characters). */
export function newAuditKeyText(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Reads the installation's keyring. With `create`, a missing key file is made (directory too,
 * file mode 0600). Without a key and without `create` (an in-memory test database), answers null:
 * rows are then written without a MAC.
 */
export function loadAuditKeyring(
  config: Pick<Config, 'audit'>,
  opts: { create: boolean },
): AuditKeyring | null {
  const a = config.audit;
  if (a.hmacKey) return makeKeyring(a.hmacKey, a.oldKeys);
  if (!fs.existsSync(a.keyFile)) {
    if (!opts.create) return null;
    fs.mkdirSync(path.dirname(a.keyFile), { recursive: true });
    // 'wx': never overwrite a key another process has just made.
    try {
      fs.writeFileSync(a.keyFile, `${newAuditKeyText()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const lines = fs
    .readFileSync(a.keyFile, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (!lines.length) throw new Error(`审计密钥文件为空 / The audit key file is empty: ${a.keyFile}`);
  return makeKeyring(lines[lines.length - 1], [...a.oldKeys, ...lines.slice(0, -1)]);
}

/** Adds a new current key to the key file (the old ones stay, so their rows still verify). */
export function rotateAuditKeyFile(config: Pick<Config, 'audit'>): AuditKeyring {
  if (config.audit.hmacKey)
    throw new Error(
      'AUDIT_HMAC_KEY 已设置：请在环境中轮换 / AUDIT_HMAC_KEY is set: rotate it in the environment (old key → AUDIT_HMAC_OLD_KEYS)',
    );
  loadAuditKeyring(config, { create: true });
  fs.appendFileSync(config.audit.keyFile, `${newAuditKeyText()}\n`, { mode: 0o600 });
  return loadAuditKeyring(config, { create: false })!;
}

export function hmacHex(key: AuditKey, data: string): string {
  return createHmac('sha256', key.secret).update(data).digest('hex');
}

/** A row's MAC: over the previous row's MAC (or hash, for the first keyed row), the row and its hash. */
export function rowMac(key: AuditKey, prev: string, row: object, hash: string): string {
  return hmacHex(key, canonicalJson({ v: 1, key: key.id, prev, row, hash }));
}

let active: AuditKeyring | null = null;

/** Set once per process by the composition root and the CLI; appendAudit signs with its current key. */
export function useAuditKeyring(k: AuditKeyring | null): void {
  active = k;
}

export function activeAuditKeyring(): AuditKeyring | null {
  return active;
}
