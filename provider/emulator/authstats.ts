// What the emulator's token check saw: how many requests it accepted, which distinct tokens they
// carried (by `jti` and `exp`, never the token itself) and how many it refused, per reason. Lets a
// test prove from the server side that a long run renewed its token and that no request was refused.
import { createHash } from "node:crypto";
import type { AuthFailureReason } from "./auth";

/** One distinct accepted token, as `GET /__emulator/auth` shows it. */
export interface TokenUse {
  /** The token's `jti` claim (the API key SID and the signing second; not secret). */
  jti: string | null;
  /** The token's `exp` claim, unix seconds. */
  exp: number;
  /** Requests accepted with this token. */
  requests: number;
  /** Unix seconds of the first and the last accepted request with this token. */
  firstUsed: number;
  lastUsed: number;
}

/** Shape of `GET /__emulator/auth`. */
export interface AuthStatsView {
  /** Requests whose token was accepted. */
  accepted: number;
  /** Requests refused by the token check, per reason (only reasons seen are listed). */
  refused: Partial<Record<AuthFailureReason, number>>;
  /** Distinct tokens accepted since the last clear (also counts tokens no longer listed). */
  distinctTokens: number;
  /** The most recent distinct tokens, oldest first (at most {@link MAX_LISTED_TOKENS}). */
  tokens: TokenUse[];
}

/** How many distinct tokens are listed; older ones are only counted, so memory stays bounded. */
export const MAX_LISTED_TOKENS = 1000;

/** Counters of the token check. */
export class AuthStats {
  private accepted = 0;
  private distinct = 0;
  private refused: Partial<Record<AuthFailureReason, number>> = {};
  // Keyed by the token's SHA-256: the token is a bearer credential and is never kept.
  private tokens = new Map<string, TokenUse>();

  /** Records a request accepted with `token`, whose verified claims are `claims`. */
  accept(token: string, claims: { jti?: unknown; exp?: unknown }, nowSeconds: number): void {
    this.accepted += 1;
    const key = createHash("sha256").update(token).digest("hex");
    const known = this.tokens.get(key);
    if (known) {
      known.requests += 1;
      known.lastUsed = nowSeconds;
      return;
    }
    this.distinct += 1;
    this.tokens.set(key, {
      jti: typeof claims.jti === "string" ? claims.jti : null,
      exp: typeof claims.exp === "number" ? claims.exp : 0,
      requests: 1,
      firstUsed: nowSeconds,
      lastUsed: nowSeconds,
    });
    if (this.tokens.size > MAX_LISTED_TOKENS) {
      const oldest = this.tokens.keys().next().value;
      if (oldest !== undefined) this.tokens.delete(oldest);
    }
  }

  /** Records a request refused for `reason`. */
  refuse(reason: AuthFailureReason): void {
    this.refused[reason] = (this.refused[reason] ?? 0) + 1;
  }

  /** Forgets everything. */
  clear(): void {
    this.accepted = 0;
    this.distinct = 0;
    this.refused = {};
    this.tokens.clear();
  }

  /** Copies of the counters. */
  view(): AuthStatsView {
    return {
      accepted: this.accepted,
      refused: { ...this.refused },
      distinctTokens: this.distinct,
      tokens: [...this.tokens.values()].map((t) => ({ ...t })),
    };
  }
}
