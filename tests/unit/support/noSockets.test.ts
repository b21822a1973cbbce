// The unit project's guard (tests/support/noSockets.ts, loaded by jest.config.js): a unit test cannot
// open a socket, so one that tries fails instead of reaching a server.
import http from "node:http";
import { startEmulator } from "../../../provider/emulator/server";

describe("unit tests open no sockets", () => {
  it("a request that would connect fails with the rule and the alternatives", async () => {
    const request = new Promise((resolve, reject) => {
      http.get("http://127.0.0.1:9/", resolve).on("error", reject);
    });
    await expect(request).rejects.toThrow(
      /unit tests open no sockets \(net\.Socket\.connect\).*fakeTransport/,
    );
  });

  it("starting the HTTP emulator fails: it belongs in tests/integration", async () => {
    await expect(startEmulator({ apiKeySid: "SK_UNIT", apiKeySecret: "unit-secret" })).rejects.toThrow(
      /net\.Server\.listen.*tests\/integration/,
    );
  });
});
