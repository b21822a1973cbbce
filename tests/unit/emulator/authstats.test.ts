// The token-check counters behind GET /__emulator/auth: distinct tokens by hash, never the token.
import { AuthStats, MAX_LISTED_TOKENS } from "../../../provider/emulator/authstats";

describe("AuthStats", () => {
  it("counts accepted requests per distinct token and refusals per reason", () => {
    const stats = new AuthStats();
    stats.accept("token-a", { jti: "SK-1", exp: 110 }, 100);
    stats.accept("token-a", { jti: "SK-1", exp: 110 }, 104);
    stats.accept("token-b", { jti: "SK-105", exp: 115 }, 105);
    stats.refuse("expired");
    stats.refuse("expired");
    stats.refuse("bad-signature");
    expect(stats.view()).toEqual({
      accepted: 3,
      refused: { expired: 2, "bad-signature": 1 },
      distinctTokens: 2,
      tokens: [
        { jti: "SK-1", exp: 110, requests: 2, firstUsed: 100, lastUsed: 104 },
        { jti: "SK-105", exp: 115, requests: 1, firstUsed: 105, lastUsed: 105 },
      ],
    });
  });

  it("never shows the token itself", () => {
    const stats = new AuthStats();
    stats.accept("eyJhbGciOiJIUzI1NiJ9.secret-part.sig", { jti: "SK-1", exp: 1 }, 0);
    expect(JSON.stringify(stats.view())).not.toContain("secret-part");
  });

  it("lists a bounded number of tokens but keeps counting them", () => {
    const stats = new AuthStats();
    for (let i = 0; i < MAX_LISTED_TOKENS + 5; i++) stats.accept(`t${i}`, { jti: `j${i}`, exp: i }, i);
    const view = stats.view();
    expect(view.distinctTokens).toBe(MAX_LISTED_TOKENS + 5);
    expect(view.tokens).toHaveLength(MAX_LISTED_TOKENS);
    expect(view.tokens[0]?.jti).toBe("j5");
  });

  it("clear forgets everything", () => {
    const stats = new AuthStats();
    stats.accept("t", { exp: 1 }, 0);
    stats.refuse("missing");
    stats.clear();
    expect(stats.view()).toEqual({ accepted: 0, refused: {}, distinctTokens: 0, tokens: [] });
  });
});
