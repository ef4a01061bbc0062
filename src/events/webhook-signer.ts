/**
 * Signs callbacks as the real service does: `Authorization: Bearer <JWT>`, RS256, a five-minute
 * lifetime, `aud` = the ACS immutable resource id and the emulator as issuer. Like a token issuer,
 * it reuses one token per audience for a bounded time (--callback-token-reuse-seconds) and signs a
 * new one well before the old expires, because an RS256 signature costs more CPU than the rest of
 * a callback; a reuse time of 0 signs every POST. By default the key pair lives in memory only and is new for every emulator,
 * so an app that cached the JWKS rejects callbacks after a restart; with a key file
 * (--signing-key-file) the key is read from it, or made once and written there, so restarts keep
 * the same JWKS.
 */
import { createPublicKey, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CryptoKey, JWK } from 'jose';

/** jose is loaded on first use (key generation right after listening), not at start-up. */
const loadJose = () => import('jose');

/** Token lifetime of the real service ("within five minutes of generation"). */
export const TOKEN_LIFETIME_SECONDS = 300;

/** Where the OpenID configuration and the keys live, relative to the issuer. */
export const OPENID_CONFIGURATION_PATH = '/calling/.well-known/acsopenidconfiguration';
export const JWKS_PATH = '/calling/keys';

/** A token being signed or signed, with the wall-clock second it was issued at. */
interface CachedToken {
  iat: number;
  token: Promise<string>;
}

interface SigningKeys {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

export interface OpenIdConfiguration {
  issuer: string;
  jwks_uri: string;
  id_token_signing_alg_values_supported: string[];
  response_types_supported: string[];
  subject_types_supported: string[];
}

export class WebhookSigner {
  private keys: Promise<SigningKeys> | undefined;
  private issuerUrl: string;
  private readonly tokens = new Map<string, CachedToken>();

  /**
   * @param audience the `aud` claim: the ACS immutable resource id.
   * @param issuer the emulator's base URL as apps reach it, without a trailing slash.
   */
  constructor(
    readonly audience: string,
    issuer: string,
    /** PEM (PKCS#8) RSA private key to sign with; made and written there when missing. */
    private readonly keyFile?: string,
    /** Seconds one token is reused for its audience; 0 signs every call. */
    private readonly reuseSeconds = 0,
  ) {
    if (reuseSeconds >= TOKEN_LIFETIME_SECONDS) {
      // A reused token must still have time to live when the app checks it.
      throw new RangeError(`token reuse must be shorter than ${TOKEN_LIFETIME_SECONDS} s`);
    }
    this.issuerUrl = trimSlash(issuer);
  }

  get issuer(): string {
    return this.issuerUrl;
  }

  /** Set once the listening address is known (or from --public-url). */
  setIssuer(url: string): void {
    this.issuerUrl = trimSlash(url);
    this.tokens.clear(); // their iss names the old address
  }

  /** Generates the key pair now rather than on the first callback. */
  async ready(): Promise<void> {
    await this.signingKeys();
  }

  /**
   * A compact JWT for `audience`: the one issued less than the reuse time ago, else a new one.
   * `nowMs` is wall-clock time, because apps check exp against theirs.
   */
  sign(nowMs = Date.now(), audience = this.audience): Promise<string> {
    const now = Math.floor(nowMs / 1000);
    if (this.reuseSeconds === 0) return this.signNew(now, audience);
    const cached = this.tokens.get(audience);
    // iat > now: the wall clock went back; a token from the future may fail nbf, so sign anew.
    if (cached && cached.iat <= now && now - cached.iat < this.reuseSeconds) return cached.token;
    const token = this.signNew(now, audience);
    const entry = { iat: now, token };
    this.tokens.set(audience, entry);
    // A failed signature is not kept: the next call tries again.
    token.catch(() => {
      if (this.tokens.get(audience) === entry) this.tokens.delete(audience);
    });
    return token;
  }

  private async signNew(iat: number, audience: string): Promise<string> {
    const { privateKey, kid } = await this.signingKeys();
    const { SignJWT } = await loadJose();
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setIssuer(this.issuerUrl)
      .setAudience(audience)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + TOKEN_LIFETIME_SECONDS)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  /** The JSON Web Key Set with the one public key. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const { publicJwk } = await this.signingKeys();
    return { keys: [publicJwk] };
  }

  openIdConfiguration(): OpenIdConfiguration {
    return {
      issuer: this.issuerUrl,
      jwks_uri: `${this.issuerUrl}${JWKS_PATH}`,
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
    };
  }

  private signingKeys(): Promise<SigningKeys> {
    this.keys ??= this.keyFile === undefined ? createKeys() : keysFromFile(this.keyFile);
    return this.keys;
  }
}

async function createKeys(): Promise<SigningKeys> {
  const { generateKeyPair, exportJWK } = await loadJose();
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  return withPublicJwk(privateKey, await exportJWK(publicKey));
}

async function withPublicJwk(privateKey: CryptoKey, jwk: JWK): Promise<SigningKeys> {
  const { calculateJwkThumbprint } = await loadJose();
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

/** The key in `path`, or a new one written there first (never overwriting one made meanwhile). */
async function keysFromFile(path: string): Promise<SigningKeys> {
  const { exportJWK, exportPKCS8, generateKeyPair, importPKCS8 } = await loadJose();
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const made = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    pem = await exportPKCS8(made.privateKey);
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
    } catch (writeErr) {
      if ((writeErr as NodeJS.ErrnoException).code !== 'EEXIST') throw writeErr;
      pem = await readFile(path, 'utf8'); // another emulator made it first: use theirs
    }
  }
  let privateKey: CryptoKey;
  try {
    privateKey = await importPKCS8(pem, 'RS256');
  } catch (err) {
    throw new Error(
      `${path} is not a PEM (PKCS#8) RSA private key (${(err as Error).message}); delete it to have a new one made`,
      { cause: err },
    );
  }
  return withPublicJwk(privateKey, await exportJWK(createPublicKey(pem)));
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
