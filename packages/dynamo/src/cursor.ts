/**
 * Opaque pagination cursors. A cursor is AES-256-GCM ciphertext (random IV) of the
 * LastEvaluatedKey plus the user id, a hash of the query parameters and an expiry, so a client
 * never sees table keys and cannot replay a cursor for another user or another query.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { InvalidCursorError } from './errors';

/** A DynamoDB LastEvaluatedKey / ExclusiveStartKey: key attributes are strings or numbers. */
export type PageKey = Record<string, string | number>;

export type CursorQueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly CursorQueryValue[]
  | { readonly [name: string]: CursorQueryValue };

/** The request parameters a cursor is valid for: filters and sort, never the cursor or limit. */
export type CursorQuery = { readonly [name: string]: CursorQueryValue };

export interface CursorCodecOptions {
  /** At least 32 characters; the AES key is derived from it with HKDF-SHA-256. */
  secret: string;
  /** How long a cursor stays usable; 24 hours by default. */
  ttlMs?: number;
  now?: () => Date;
}

export interface EncodeCursorInput {
  userId: string;
  query: CursorQuery;
  lastKey: PageKey;
}

export interface DecodeCursorContext {
  userId: string;
  query: CursorQuery;
}

interface CursorPayload {
  u: string;
  q: string;
  k: PageKey;
  /** Expiry, epoch ms. */
  e: number;
}

export const MIN_CURSOR_SECRET_LENGTH = 32;
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Real cursors are a few hundred characters; the cap keeps hostile input cheap to reject.
const MAX_TOKEN_CHARS = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class CursorCodec {
  private readonly key: Buffer;
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(options: CursorCodecOptions) {
    if (typeof options.secret !== 'string' || options.secret.length < MIN_CURSOR_SECRET_LENGTH) {
      throw new Error(`The cursor secret must be at least ${MIN_CURSOR_SECRET_LENGTH} characters`);
    }
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError('ttlMs must be positive');
    this.key = Buffer.from(
      hkdfSync('sha256', options.secret, 'taskmgr-cursor', 'aes-256-gcm v1', 32),
    );
    this.ttlMs = ttlMs;
    this.now = options.now ?? (() => new Date());
  }

  encode(input: EncodeCursorInput): string {
    const payload: CursorPayload = {
      u: input.userId,
      q: hashQuery(input.query),
      k: input.lastKey,
      e: this.now().getTime() + this.ttlMs,
    };
    const iv = randomBytes(IV_BYTES);
    const header = Buffer.from([FORMAT_VERSION]);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(header);
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(payload), 'utf8'),
      cipher.final(),
    ]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  }

  /** The LastEvaluatedKey to resume from; throws only InvalidCursorError for bad input. */
  decode(token: unknown, context: DecodeCursorContext): PageKey {
    const bytes = parseToken(token);
    const payload = this.open(bytes);
    if (payload.u !== context.userId) throw new InvalidCursorError('foreign-user');
    if (payload.e <= this.now().getTime()) throw new InvalidCursorError('expired');
    if (payload.q !== hashQuery(context.query)) throw new InvalidCursorError('query-mismatch');
    return payload.k;
  }

  private open(bytes: Buffer): CursorPayload {
    const header = bytes.subarray(0, 1);
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const ciphertext = bytes.subarray(1 + IV_BYTES + TAG_BYTES);
    let plaintext: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(header);
      decipher.setAuthTag(tag);
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new InvalidCursorError('tampered');
    }
    const payload = parsePayload(plaintext);
    if (!payload) throw new InvalidCursorError('malformed');
    return payload;
  }
}

function parseToken(token: unknown): Buffer {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS || !BASE64URL.test(token)) {
    throw new InvalidCursorError('malformed');
  }
  const bytes = Buffer.from(token, 'base64url');
  // Non-canonical encodings (stray trailing bits) would let two strings name one cursor.
  const canonical = bytes.toString('base64url') === token;
  if (!canonical || bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT_VERSION) {
    throw new InvalidCursorError('malformed');
  }
  return bytes;
}

function parsePayload(plaintext: string): CursorPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(plaintext);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { u, q, k, e } = value;
  if (typeof u !== 'string' || typeof q !== 'string' || typeof e !== 'number') return undefined;
  if (!isPageKey(k)) return undefined;
  return { u, q, k, e };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPageKey(value: unknown): value is PageKey {
  if (!isRecord(value) || Object.keys(value).length === 0) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

/** SHA-256 of the canonical query: keys sorted at every level, undefined members dropped. */
export function hashQuery(query: CursorQuery): string {
  return createHash('sha256').update(canonicalJson(query)).digest('base64url');
}

export function canonicalJson(value: CursorQueryValue): string {
  if (value === undefined || value === null) return 'null';
  if (isQueryList(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.keys(value)
      .filter((name) => value[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${canonicalJson(value[name])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

// Array.isArray does not narrow readonly arrays.
function isQueryList(value: CursorQueryValue): value is readonly CursorQueryValue[] {
  return Array.isArray(value);
}
