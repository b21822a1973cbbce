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

  it("keeps at most its capacity, dropping the oldest entries and counting them", () => {
    const log = new RequestLog(2);
    for (let i = 0; i < 5; i++) {
      const seq = log.nextSequence();
      log.add(
        { seq, method: "GET", path: `/v1/queue`, query: { page: String(seq) }, status: 200, r: 0 },
        "GET /v1/queue",
      );
    }
    expect(log.view().requests.map((r) => r.seq)).toEqual([4, 5]);
    expect(log.view().counts).toEqual({ "GET /v1/queue": 2 });
    expect(log.stats()).toEqual({ size: 2, capacity: 2, dropped: 3 });
    log.clear();
    expect(log.stats()).toEqual({ size: 0, capacity: 2, dropped: 0 });
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new RequestLog(0)).toThrow(RangeError);
  });

  it("redacts the access token from logged queries", () => {
    expect(RequestLog.redactQuery(new URLSearchParams("node=NO_1&access_token=eyJ"))).toEqual({
      node: "NO_1",
      access_token: "<redacted>",
    });
  });
});
