// Token checks over HTTP: the emulator refuses what Stringee refuses and applies nothing it refused.
import { startHarness, token, type Harness } from "./harness";

describe("REST token authentication", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.control("POST", "/reset");
  });

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
  ])("refuses %s with HTTP 401, r = 6 and applies nothing", async (_name, headers, message) => {
    const res = await post(headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ r: 6, message: expect.stringMatching(message) });
    expect(await queueCount()).toBe(0);
  });

  it("checks the token before validating the body", async () => {
    const res = await fetch(`${h.emulator.url}/v1/number`, { method: "POST", body: "{not json" });
    expect(res.status).toBe(401);
  });
});
