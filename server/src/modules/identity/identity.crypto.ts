import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { AppContext } from '../../platform/context.js';

/**
 * Password hashing: argon2id at the OWASP minimum (m=19456 KiB, t=2, p=1). Tests lower the cost
 * (NODE_ENV=test, or setPasswordHashCost) so that hundreds of logins stay fast; verification
 * reads the parameters from the stored hash, so a hash made at any cost verifies.
 */
export const PRODUCTION_ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const TEST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;
let cost: { memoryCost: number; timeCost: number; parallelism: number } =
  process.env.NODE_ENV === 'test' ? TEST_ARGON2 : PRODUCTION_ARGON2;

export function setPasswordHashCost(c: 'production' | 'test'): void {
  cost = c === 'production' ? PRODUCTION_ARGON2 : TEST_ARGON2;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 as Algorithm.Argon2id, ...cost });
}

let dummy: Promise<string> | undefined;
/** Verifies; with no hash (unknown user) it still spends the same time on a dummy hash. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('dummy-password-0');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** A new session id for the cookie; only its SHA-256 is stored. */
export function newSessionToken(): { token: string; idHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, idHash: sha256(token) };
}

export function sha256(v: string): string {
  return createHash('sha256').update(v).digest('hex');
}

const keys = new WeakMap<AppContext, Promise<Buffer>>();
/** The installation key: IDENTITY_SECRET if set, else the random key made by migration 0010. */
export function identityKey(ctx: AppContext): Promise<Buffer> {
  let k = keys.get(ctx);
  if (!k) {
    k = (async () => {
      const env = ctx.config.identitySecret;
      if (env) return createHash('sha256').update(env).digest();
      const row = await ctx.db
        .selectFrom('identity_keys')
        .select('key')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return Buffer.from(row.key, 'base64');
    })();
    keys.set(ctx, k);
  }
  return k;
}

/** AES-256-GCM: `v1.iv.tag.ciphertext` in base64url. */
export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const enc = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    c.getAuthTag().toString('base64url'),
    enc.toString('base64url'),
  ].join('.');
}

export function decryptSecret(key: Buffer, sealed: string): string {
  const [v, iv, tag, enc] = sealed.split('.');
  if (v !== 'v1') throw new Error('unknown secret format');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(enc, 'base64url')), d.final()]).toString('utf8');
}

/** A value signed with HMAC-SHA256 (`payload.signature`), for the short-lived OIDC cookie. */
export function sign(key: Buffer, payload: string): string {
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

export function unsign(key: Buffer, signed: string): string | null {
  const i = signed.lastIndexOf('.');
  if (i < 0) return null;
  const payload = signed.slice(0, i);
  const want = Buffer.from(createHmac('sha256', key).update(payload).digest('base64url'));
  const got = Buffer.from(signed.slice(i + 1));
  return want.length === got.length && timingSafeEqual(want, got) ? payload : null;
}
