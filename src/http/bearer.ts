/**
 * Bearer (Entra ID) tokens: the signature cannot be checked offline, so the emulator accepts a
 * well-formed JWT whose `exp` has not passed (with the same leeway as the x-ms-date window).
 */
export type BearerCheck =
  { ok: true; claims: Record<string, unknown> } | { ok: false; why: string };

function decodePart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function checkBearerToken(token: string, nowMs: number, leewaySeconds: number): BearerCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, why: 'a JWT has three dot-separated parts' };
  const header = decodePart(parts[0] as string);
  if (!header || typeof header.alg !== 'string')
    return { ok: false, why: 'the JWT header is not base64url JSON with an alg' };
  const claims = decodePart(parts[1] as string);
  if (!claims) return { ok: false, why: 'the JWT payload is not base64url JSON' };
  if (typeof claims.exp !== 'number')
    return { ok: false, why: "the JWT has no numeric 'exp' claim" };
  const now = nowMs / 1000;
  if (claims.exp + leewaySeconds < now) {
    return { ok: false, why: `the JWT expired at ${new Date(claims.exp * 1000).toISOString()}` };
  }
  if (typeof claims.nbf === 'number' && claims.nbf - leewaySeconds > now) {
    return {
      ok: false,
      why: `the JWT is not valid before ${new Date(claims.nbf * 1000).toISOString()}`,
    };
  }
  return { ok: true, claims };
}
