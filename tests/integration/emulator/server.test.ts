// Server lifecycle: loopback only, prompt close even with hung requests, idempotent close.
import { startEmulator } from "../../../provider/emulator/server";
import { SECRET, SID, token } from "./harness";

describe("emulator server lifecycle", () => {
  it("listens on 127.0.0.1 and serves both base URLs from one port", async () => {
    const emulator = await startEmulator({ apiKeySid: SID, apiKeySecret: SECRET });
    try {
      expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
      expect(emulator.iccBaseUrl).toBe(emulator.url);
      expect(emulator.apiBaseUrl).toBe(emulator.url);
    } finally {
      await emulator.close();
    }
  });

  it("refuses any other listen address", async () => {
    await expect(
      startEmulator({ apiKeySid: SID, apiKeySecret: SECRET, host: "0.0.0.0" as "127.0.0.1" }),
    ).rejects.toThrow(/127\.0\.0\.1/);
  });

  it("close() destroys hung requests promptly and can be called twice", async () => {
    const emulator = await startEmulator({ apiKeySid: SID, apiKeySecret: SECRET });
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "hang", count: 5 }),
    });
    const hung = fetch(`${emulator.url}/v1/agent`, {
      headers: { "X-STRINGEE-AUTH": token() },
      signal: AbortSignal.timeout(10_000),
    });
    const outcome = hung.then(
      () => "answered",
      () => "failed",
    );
    // Let the request reach the server before closing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await Promise.all([emulator.close(), emulator.close()]);
    expect(await outcome).toBe("failed");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stops answering after close()", async () => {
    const emulator = await startEmulator({ apiKeySid: SID, apiKeySecret: SECRET });
    await emulator.close();
    await expect(fetch(`${emulator.url}/v1/agent`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });
});
