// Token checks over HTTP: the emulator refuses what Stringee refuses and applies nothing it refused. The
// strict reading answers every refusal as the one public observation does (HTTP 403, r = 5, "keySid
// invalid") and also refuses tokens without the documented `cty`; the lenient one says why, with HTTP 401.
import jwt from "jsonwebtoken";
import type { Reading } from "../../../provider/emulator/collections";
import { SECRET, SID, token, useHarness } from "./harness";

const REFUSAL: Record<Reading, (message: RegExp) => { status: number; body: unknown }> = {
  strict: () => ({ status: 403, body: { r: 5, message: "keySid invalid" } }),
  lenient: (message) => ({ status: 401, body: { r: 6, message: expect.stringMatching(message) } }),
};

describe.each<Reading>(["strict", "lenient"])("REST token authentication (%s reading)", (reading) => {
  const h = useHarness({ reading });

  async function post(
    headers: Record<string, string>,
    query = "",
  ): Promise<{ status: number; body: { r: number; message: string } }> {
    const res = await fetch(`${h.emulator.url}/v1/queue${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify({ name: "refused queue" }),
    });
    return { status: res.status, body: (await res.json()) as { r: number; message: string } };
  }

  async function queueCount(): Promise<number> {
    return (await h.control("GET", "/objects")).body.queue.length;
  }

  it("accepts a valid token in the X-STRINGEE-AUTH header", async () => {
    const res = await post({ "X-STRINGEE-AUTH": token() });
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ r: 0 }) });
  });

  it("accepts a valid token in the access_token query parameter and redacts it in the request log", async () => {
    const res = await post({}, `?access_token=${encodeURIComponent(token())}`);
    expect(res.body.r).toBe(0);
    const log = await h.control("GET", "/requests");
    expect(log.body.requests.at(-1).query).toEqual({ access_token: "<redacted>" });
  });

  it.each([
    ["no token at all", {}, /missing access token/i],
    ["a token signed with another secret", { "X-STRINGEE-AUTH": token({}, "wrong-secret") }, /signature/i],
    [
      "an expired token",
      { "X-STRINGEE-AUTH": token({ exp: Math.floor(Date.now() / 1000) - 10 }) },
      /expired/i,
    ],
    ["a token issued for another API key", { "X-STRINGEE-AUTH": token({ iss: "SK_SOMEONE_ELSE" }) }, /iss/],
    ["a token without rest_api", { "X-STRINGEE-AUTH": token({ rest_api: undefined }) }, /rest_api/],
    ["a token with rest_api false", { "X-STRINGEE-AUTH": token({ rest_api: false }) }, /rest_api/],
    ["a token without exp", { "X-STRINGEE-AUTH": token({ exp: undefined }) }, /exp/],
    ["garbage", { "X-STRINGEE-AUTH": "not-a-jwt" }, /invalid access token/i],
  ])("refuses %s and applies nothing", async (_name, headers, message) => {
    const res = await post(headers as Record<string, string>);
    expect(res).toEqual(REFUSAL[reading](message));
    expect(await queueCount()).toBe(0);
  });

  it("checks the token before validating the body", async () => {
    const res = await fetch(`${h.emulator.url}/v1/number`, { method: "POST", body: "{not json" });
    expect(res.status).toBe(REFUSAL[reading](/./).status);
  });

  it("a rotated API key secret refuses tokens signed with the old one from the next request on; reset restores it", async () => {
    expect((await post({ "X-STRINGEE-AUTH": token() })).body.r).toBe(0);
    const rotated = await h.control("PUT", "/api-key", { apiKeySecret: "rotated-secret-0123456789" });
    expect(rotated).toMatchObject({ status: 200, body: { ok: true, apiKeySid: SID } });
    expect((await h.control("GET", "/api-key")).body).toEqual({ apiKeySid: SID });
    expect(await post({ "X-STRINGEE-AUTH": token() })).toEqual(REFUSAL[reading](/signature/i));
    expect((await post({ "X-STRINGEE-AUTH": token({}, "rotated-secret-0123456789") })).body.r).toBe(0);
    expect(await h.control("PUT", "/api-key", { apiKeySecret: "" })).toMatchObject({ status: 400 });
    await h.control("POST", "/reset");
    expect((await post({ "X-STRINGEE-AUTH": token() })).body.r).toBe(0);
    expect(await post({ "X-STRINGEE-AUTH": token({}, "rotated-secret-0123456789") })).toEqual(
      REFUSAL[reading](/signature/i),
    );
  });

  it(`${reading === "strict" ? "refuses" : "accepts"} a token whose header has no cty`, async () => {
    const now = Math.floor(Date.now() / 1000);
    const bare = jwt.sign({ jti: `${SID}-${now}`, iss: SID, exp: now + 600, rest_api: true }, SECRET, {
      algorithm: "HS256",
    });
    const res = await post({ "X-STRINGEE-AUTH": bare });
    if (reading === "strict") {
      expect(res).toEqual(REFUSAL.strict(/./));
      expect(await queueCount()).toBe(0);
    } else {
      expect(res.body.r).toBe(0);
    }
  });
});
