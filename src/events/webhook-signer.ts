/**
 * Signs callbacks as the real service does: `Authorization: Bearer <JWT>`, RS256, a fresh token
 * for every POST with a five-minute lifetime, `aud` = the ACS immutable resource id and the
 * emulator as issuer. The key pair lives in memory only and is new for every emulator, so a token
 * from one run never verifies against another run's JWKS.
 */
import { randomUUID } from 'node:crypto';
import type { CryptoKey, JWK } from 'jose';

/** jose is loaded on first use (key generation right after listening), not at start-up. */
const loadJose = () => import('jose');

/** Token lifetime of the real service ("within five minutes of generation"). */
export const TOKEN_LIFETIME_SECONDS = 300;

/** Where the OpenID configuration and the keys live, relative to the issuer. */
export const OPENID_CONFIGURATION_PATH = '/calling/.well-known/acsopenidconfiguration';
export const JWKS_PATH = '/calling/keys';

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

  /**
   * @param audience the `aud` claim: the ACS immutable resource id.
   * @param issuer the emulator's base URL as apps reach it, without a trailing slash.
   */
  constructor(
    readonly audience: string,
    issuer: string,
  ) {
    this.issuerUrl = trimSlash(issuer);
  }

  get issuer(): string {
    return this.issuerUrl;
  }

  /** Set once the listening address is known (or from --public-url). */
  setIssuer(url: string): void {
    this.issuerUrl = trimSlash(url);
  }

  /** Generates the key pair now rather than on the first callback. */
  async ready(): Promise<void> {
    await this.signingKeys();
  }

  /** A new compact JWT; `nowMs` is wall-clock time, because apps check exp against theirs. */
  async sign(nowMs = Date.now()): Promise<string> {
    const { privateKey, kid } = await this.signingKeys();
    const iat = Math.floor(nowMs / 1000);
    const { SignJWT } = await loadJose();
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setIssuer(this.issuerUrl)
      .setAudience(this.audience)
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
    this.keys ??= createKeys();
    return this.keys;
  }
}

async function createKeys(): Promise<SigningKeys> {
  const { generateKeyPair, exportJWK, calculateJwkThumbprint } = await loadJose();
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
