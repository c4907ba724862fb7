import {
  createHmac,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomUUID,
  sign,
} from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** An RSA key pair with its public half as a JWK, the way Cognito publishes it. */
export interface TestKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JsonWebKey & { kid: string };
}

export function createTestKey(kid = `kid-${randomUUID()}`, modulusLength = 2048): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

const b64url = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Signs with RS256, or with any other alg the test names, using whatever key it is given. */
export function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
  hash = 'sha256',
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign(hash, Buffer.from(input), key).toString('base64url')}`;
}

/** The classic key-confusion forgery: HS256 keyed with the RSA public key. */
export function signHs256(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string | Buffer,
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function unsignedJwt(header: Record<string, unknown>, payload: Record<string, unknown>) {
  return `${b64url(header)}.${b64url(payload)}.`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A Cognito-shaped access token payload; override any claim. */
export function accessClaims(
  issuer: string,
  clientId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const iat = nowSeconds();
  return {
    sub: randomUUID(),
    iss: issuer,
    client_id: clientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: iat,
    iat,
    exp: iat + 3600,
    jti: randomUUID(),
    username: 'ada@example.test',
    ...overrides,
  };
}

/** A JWKS endpoint on 127.0.0.1 whose keys and health the test controls; it counts fetches. */
export class JwksServer {
  keys: object[] = [];
  /** When set, the endpoint answers with this status instead of the keys. */
  failWith: number | undefined;
  requests = 0;
  private server: Server | undefined;
  private port = 0;

  constructor(readonly poolId = 'us-east-1_TestPool') {}

  get issuer(): string {
    return `http://127.0.0.1:${this.port}/${this.poolId}`;
  }

  get jwksUri(): string {
    return `${this.issuer}/.well-known/jwks.json`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests += 1;
      if (this.failWith !== undefined) {
        res.writeHead(this.failWith).end();
      } else if (req.url === `/${this.poolId}/.well-known/jwks.json`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: this.keys }));
      } else {
        res.writeHead(404).end();
      }
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    this.port = address.port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
