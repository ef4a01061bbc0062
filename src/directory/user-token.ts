/**
 * ACS user access tokens: JWTs in the service's shape (header `alg`/`kid`/`x5t`/`typ`; claims
 * `skypeid`, `scp`, `csi`, `exp`, `acsScope`, `resourceId`, `iat`, as the SDK test fixtures
 * decode a real one), signed RS256 by a key the emulator makes on first use. Signing and checking
 * are synchronous (node:crypto) because operation handlers are.
 */
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

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

interface SigningKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

/**
 * One key pair per process, made on the first token (~0.1-1 s of CPU on a busy machine), so an
 * emulator that never issues a token, and every emulator after the first in a test process,
 * pays nothing for it.
 */
let processKeys: SigningKeys | undefined;

function signingKeys(): SigningKeys {
  if (!processKeys) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = publicKey.export({ type: 'spki', format: 'der' });
    const kid = createHash('sha1').update(der).digest('hex').toUpperCase();
    processKeys = { privateKey, publicKey, kid };
  }
  return processKeys;
}

export class UserTokenSigner {
  private keyPair(): SigningKeys {
    return signingKeys();
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
