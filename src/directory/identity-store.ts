/**
 * The communication users of this resource (the Identity API): created, issued tokens, revoked,
 * deleted. Tokens use wall-clock time, like HMAC signatures, because the clients that read
 * `expiresOn` (SDKs, calling clients) compare it with real time even when the emulator's clock
 * is manual.
 */
import { newAcsUserId, resourceOfUser } from '../domain/acs-ids.js';
import { UserTokenSigner, type TokenCheck } from './user-token.js';

export interface AcsUser {
  id: string;
  createdAt: number;
  /** Tokens issued at or before this time (seconds) are refused; set by revoke. */
  revokedAt?: number;
  tokensIssued: number;
}

export interface IssuedToken {
  token: string;
  /** ISO date-time. */
  expiresOn: string;
}

/** `scp` as the service sets it for every user token the SDK fixtures decode. */
const SCP = 1792;

export class IdentityStore {
  private readonly users = new Map<string, AcsUser>();
  private readonly deleted = new Set<string>();
  private readonly signer = new UserTokenSigner();

  constructor(
    private readonly resourceId: string,
    private readonly now: () => number = Date.now,
  ) {}

  create(): AcsUser {
    const user: AcsUser = {
      id: newAcsUserId(this.resourceId),
      createdAt: this.now(),
      tokensIssued: 0,
    };
    this.users.set(user.id, user);
    return user;
  }

  get(id: string): AcsUser | undefined {
    return this.users.get(id);
  }

  list(): AcsUser[] {
    return [...this.users.values()];
  }

  /**
   * Whether a raw id is a communication user of this resource created here (deleted ones are
   * not): the lookup call routing uses to tell "our" users from others.
   */
  isUserOfThisResource(rawId: string): boolean {
    return this.users.has(rawId) && resourceOfUser(rawId) === this.resourceId;
  }

  /** Issues a token; the caller has checked the user exists. */
  issue(user: AcsUser, scopes: readonly string[], expiresInMinutes: number): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    // A token issued in the same second as a revocation must still count as newer.
    const issuedAt =
      user.revokedAt !== undefined && iat <= user.revokedAt ? user.revokedAt + 1 : iat;
    const exp = issuedAt + expiresInMinutes * 60;
    const token = this.signer.sign({
      skypeid: user.id.slice('8:'.length),
      scp: SCP,
      csi: String(issuedAt),
      exp,
      acsScope: scopes.join(','),
      resourceId: this.resourceId,
      iat: issuedAt,
    });
    this.users.set(user.id, { ...user, tokensIssued: user.tokensIssued + 1 });
    return { token, expiresOn: new Date(exp * 1000).toISOString() };
  }

  revoke(id: string): void {
    const user = this.users.get(id);
    if (user) this.users.set(id, { ...user, revokedAt: Math.floor(this.now() / 1000) });
  }

  delete(id: string): void {
    if (this.users.delete(id)) this.deleted.add(id);
  }

  /**
   * Checks a user token: issued here, not expired, its user not deleted and not revoked since.
   */
  checkToken(token: string): TokenCheck {
    const result = this.signer.check(token, this.now());
    if (!result.ok) return result;
    const id = `8:${result.claims.skypeid}`;
    const user = this.users.get(id);
    if (!user)
      return {
        ok: false,
        why: this.deleted.has(id) ? `user ${id} was deleted` : `unknown user ${id}`,
      };
    if (user.revokedAt !== undefined && result.claims.iat <= user.revokedAt)
      return { ok: false, why: `the tokens of ${id} were revoked` };
    return result;
  }

  /** The signing key's public half (PEM), for apps that verify user tokens themselves. */
  publicKeyPem(): string {
    return this.signer.publicKeyPem();
  }

  reset(): void {
    this.users.clear();
    this.deleted.clear();
  }
}
