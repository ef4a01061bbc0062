/**
 * ACS user access tokens: JWTs in the service's shape (header `alg`/`kid`/`x5t`/`typ`; claims
 * `skypeid`, `scp`, `csi`, `exp`, `acsScope`, `resourceId`, `iat`, as the SDK test fixtures
 * decode a real one), signed RS256 by a key the emulator makes at start-up (in the background). Signing and checking
 * are synchronous (node:crypto) because operation handlers are.
 */
import {
  createHash,
  generateKeyPair,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

export interface UserTokenClaims {
  skypeid: string;
  scp: number;
  csi: string;
  exp: number;
  acsScope: string;
  resourceId: string;
  iat: number;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export type TokenCheck = { ok: true; claims: UserTokenClaims } | { ok: false; why: string };

export class UserTokenSigner {
  private keys?: { privateKey: KeyObject; publicKey: KeyObject; kid: string };

  private adopt(privateKey: KeyObject, publicKey: KeyObject) {
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const kid = createHash('sha1').update(der).digest('hex').toUpperCase();
    this.keys = { privateKey, publicKey, kid };
    return this.keys;
  }

  private keyPair() {
    if (this.keys) return this.keys;
    // Only when a token is needed before warmUp finished (the key takes ~0.1-1 s).
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return this.adopt(privateKey, publicKey);
  }

  /** Makes the key pair off the event loop, so the first token does not block requests. */
  warmUp(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.keys) return resolve();
      generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) => {
        if (err) return reject(err);
        if (!this.keys) this.adopt(privateKey, publicKey);
        resolve();
      });
    });
  }

  /** The public key, for clients that want to verify tokens (PEM). */
  publicKeyPem(): string {
    return this.keyPair().publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(claims: UserTokenClaims): string {
    const { privateKey, kid } = this.keyPair();
    const header = {
      alg: 'RS256',
      kid,
      x5t: Buffer.from(kid, 'hex').toString('base64url'),
      typ: 'JWT',
    };
    const input = `${b64url(header)}.${b64url(claims)}`;
    const signature = sign('sha256', Buffer.from(input), privateKey).toString('base64url');
    return `${input}.${signature}`;
  }

  /** Checks the signature and expiry of a token this signer issued. */
  check(token: string, nowMs: number): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, why: 'a JWT has three dot-separated parts' };
    const [head, body, signature] = parts as [string, string, string];
    const valid = verify(
      'sha256',
      Buffer.from(`${head}.${body}`),
      this.keyPair().publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!valid) return { ok: false, why: 'the token was not issued by this emulator' };
    let claims: UserTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as UserTokenClaims;
    } catch {
      return { ok: false, why: 'the token payload is not JSON' };
    }
    if (claims.exp * 1000 <= nowMs)
      return {
        ok: false,
        why: `the token expired at ${new Date(claims.exp * 1000).toISOString()}`,
      };
    return { ok: true, claims };
  }
}
