// Request log entries, count keys and token redaction.
import { RequestLog, routeKey } from "../../../provider/emulator/requestlog";
import { COLLECTION_PATHS } from "../../../provider/emulator/routes";

describe("routeKey", () => {
  it("uses the collection path, with :id for item routes", () => {
    expect(routeKey("POST", "/v1/number", COLLECTION_PATHS)).toBe("POST /v1/number");
    expect(routeKey("PUT", "/v1/number/NU_1", COLLECTION_PATHS)).toBe("PUT /v1/number/:id");
    expect(routeKey("DELETE", "/v1/ivrkeypress/NO_KE_1", COLLECTION_PATHS)).toBe(
      "DELETE /v1/ivrkeypress/:id",
    );
    expect(routeKey("GET", "/v1/ivrnode", COLLECTION_PATHS)).toBe("GET /v1/ivrnode");
    expect(routeKey("GET", "/v1/unknown/x", COLLECTION_PATHS)).toBe("GET /v1/unknown/x");
  });
});

describe("RequestLog", () => {
  it("lists entries in sequence order and counts them per key", () => {
    const log = new RequestLog();
    const a = log.nextSequence();
    const b = log.nextSequence();
    log.add({ seq: b, method: "GET", path: "/v1/number", query: {}, status: 200, r: 0 }, "GET /v1/number");
    log.add(
      { seq: a, method: "PUT", path: "/v1/number/x", query: {}, status: null, r: null, fault: "hang" },
      "PUT /v1/number/:id",
    );
    expect(log.view()).toEqual({
      requests: [
        { seq: 1, method: "PUT", path: "/v1/number/x", query: {}, status: null, r: null, fault: "hang" },
        { seq: 2, method: "GET", path: "/v1/number", query: {}, status: 200, r: 0 },
      ],
      counts: { "PUT /v1/number/:id": 1, "GET /v1/number": 1 },
    });
    log.clear();
    expect(log.view()).toEqual({ requests: [], counts: {} });
    expect(log.nextSequence()).toBe(3);
  });

  it("redacts the access token from logged queries", () => {
    expect(RequestLog.redactQuery(new URLSearchParams("node=NO_1&access_token=eyJ"))).toEqual({
      node: "NO_1",
      access_token: "<redacted>",
    });
  });
});
