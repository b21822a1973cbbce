// Page walking: the pure stop rule, then StringeeHttp.listAll over an in-memory list: the first page,
// every page it announces at once, then one at a time while answers say more follow.
import { StringeeHttp } from "../../../provider/client/http";
import { itemsOf, nextPage, type PageState } from "../../../provider/client/paging";
import { fakeTransport } from "./fakeTransport";

const COUNT_KEYS = ["totalCount", "totalAgents", "total"];

function state(o: Partial<PageState>): PageState {
  return { page: 1, pageSize: 2, itemsOnPage: 2, itemsSoFar: 2, data: {}, countKeys: COUNT_KEYS, ...o };
}

describe("nextPage", () => {
  it.each([
    ["totalPages as a number", { data: { totalPages: 3 } }, 2],
    ["totalPages as a string", { data: { totalPages: "3" } }, 2],
    ["last page by totalPages", { page: 3, data: { totalPages: "3" } }, false],
    ["totalCount as a string", { data: { totalCount: "5", currentPage: 1 } }, 2],
    ["totalAgents reached", { itemsSoFar: 4, page: 2, data: { totalAgents: "4" } }, false],
    ["an empty page ends the walk", { itemsOnPage: 0, data: { totalPages: 9 } }, false],
    ["full page without totals", { data: { currentPage: 1, limit: 2 } }, 2],
    ["short page without totals", { itemsOnPage: 1, data: { currentPage: 1, limit: 2 } }, false],
    ["unpaged answer (no paging metadata)", { data: { total: undefined } }, false],
    ["no data at all", { data: undefined }, false],
  ])("%s", (_name, fields, expected) => {
    expect(nextPage(state(fields))).toBe(expected);
  });
});

describe("itemsOf", () => {
  it("reads data[itemsKey] and drops non-objects", () => {
    expect(itemsOf({ r: 0, data: { numbers: [{ id: "NU_1" }, 3, null] } }, "numbers")).toEqual([
      { id: "NU_1" },
    ]);
    expect(itemsOf({ r: 0 }, "numbers")).toEqual([]);
    expect(itemsOf(null, "numbers")).toEqual([]);
  });
});

describe("StringeeHttp.listAll walks every page", () => {
  const all = Array.from({ length: 7 }, (_, i) => ({ id: `NU_${i + 1}`, number: `8490000000${i}` }));

  function serve(totals: (page: number) => Record<string, unknown>) {
    return fakeTransport((req) => {
      const page = Number(req.query.get("page"));
      const limit = Number(req.query.get("limit"));
      const numbers = all.slice((page - 1) * limit, page * limit);
      return { body: { r: 0, data: { ...totals(page), currentPage: page, limit, numbers } } };
    });
  }

  it.each([
    ["string totals", () => ({ totalCount: "7", totalPages: "3" })],
    ["number totals", () => ({ totalCount: 7, totalPages: 3 })],
    ["totalCount only", () => ({ totalCount: "7" })],
    ["no totals", () => ({})],
  ])("with %s", async (_name, totals) => {
    const fake = serve(totals);
    const http = new StringeeHttp({
      apiKeySid: "SK",
      apiKeySecret: "secret",
      request: fake.request,
      pageSize: 3,
    });
    const items = await http.listAll("icc", "/v1/number", { itemsKey: "numbers" });
    expect(items.map((i) => i["id"])).toEqual(all.map((i) => i.id));
    expect(fake.seen.map((r) => r.query.get("page"))).toEqual(["1", "2", "3"]);
    expect(fake.seen.every((r) => r.query.get("limit") === "3")).toBe(true);
  });

  it("keeps extra query parameters on every page", async () => {
    const fake = serve(() => ({ totalPages: 3 }));
    const http = new StringeeHttp({
      apiKeySid: "SK",
      apiKeySecret: "secret",
      request: fake.request,
      pageSize: 3,
    });
    await http.listAll("icc", "/v1/ivrkeypress", { itemsKey: "numbers", query: { node: "NO_1" } });
    expect(fake.seen.map((r) => r.query.get("node"))).toEqual(["NO_1", "NO_1", "NO_1"]);
  });

  it("asks for every page the first one announces at once", async () => {
    let inFlight = 0;
    let most = 0;
    const fake = fakeTransport((req) => {
      const page = Number(req.query.get("page"));
      inFlight++;
      most = Math.max(most, inFlight);
      queueMicrotask(() => inFlight--);
      const numbers = all.slice((page - 1) * 2, page * 2);
      return { body: { r: 0, data: { totalCount: "7", numbers } } };
    });
    const http = new StringeeHttp({
      apiKeySid: "SK",
      apiKeySecret: "secret",
      request: fake.request,
      pageSize: 2,
    });
    const items = await http.listAll("icc", "/v1/number", { itemsKey: "numbers" });
    expect(items.map((i) => i["id"])).toEqual(all.map((i) => i.id));
    expect(fake.seen.map((r) => r.query.get("page"))).toEqual(["1", "2", "3", "4"]);
    // Pages 2 to 4 were asked for before any of them was answered.
    expect(most).toBeGreaterThanOrEqual(3);
  });

  it("walks on one page at a time when the list grew while its pages were read", async () => {
    let size = 4;
    const fake = fakeTransport((req) => {
      const page = Number(req.query.get("page"));
      const numbers = all.slice(0, size).slice((page - 1) * 2, page * 2);
      // The list grows by three while page 1 is read.
      if (page === 1) size = 7;
      return { body: { r: 0, data: { totalCount: String(page === 1 ? 4 : size), numbers } } };
    });
    const http = new StringeeHttp({
      apiKeySid: "SK",
      apiKeySecret: "secret",
      request: fake.request,
      pageSize: 2,
    });
    const items = await http.listAll("icc", "/v1/number", { itemsKey: "numbers" });
    expect(items.map((i) => i["id"])).toEqual(all.map((i) => i.id));
    expect(fake.seen.map((r) => r.query.get("page"))).toEqual(["1", "2", "3", "4"]);
  });

  it("walks one page at a time when the first page is short of the size asked for (a server capping pages)", async () => {
    const fake = fakeTransport((req) => {
      const page = Number(req.query.get("page"));
      return { body: { r: 0, data: { totalCount: "7", numbers: all.slice((page - 1) * 3, page * 3) } } };
    });
    const http = new StringeeHttp({ apiKeySid: "SK", apiKeySecret: "secret", request: fake.request });
    const items = await http.listAll("icc", "/v1/number", { itemsKey: "numbers" });
    expect(items).toHaveLength(7);
    expect(fake.seen.map((r) => r.query.get("page"))).toEqual(["1", "2", "3"]);
  });

  it("stops on an empty page even if totals claim more", async () => {
    const fake = fakeTransport((req) => {
      const page = Number(req.query.get("page"));
      return { body: { r: 0, data: { totalPages: "50", numbers: page === 1 ? [{ id: "NU_1" }] : [] } } };
    });
    const http = new StringeeHttp({ apiKeySid: "SK", apiKeySecret: "secret", request: fake.request });
    expect(await http.listAll("icc", "/v1/number", { itemsKey: "numbers" })).toEqual([{ id: "NU_1" }]);
    expect(fake.seen).toHaveLength(2);
  });

  it("drops duplicates when a page shifts under concurrent writes", async () => {
    const fake = fakeTransport((req) => {
      const page = Number(req.query.get("page"));
      const numbers = page === 1 ? [{ id: "NU_1" }, { id: "NU_2" }] : [{ id: "NU_2" }, { id: "NU_3" }];
      return { body: { r: 0, data: { totalPages: 2, numbers } } };
    });
    const http = new StringeeHttp({
      apiKeySid: "SK",
      apiKeySecret: "secret",
      request: fake.request,
      pageSize: 2,
    });
    const items = await http.listAll("icc", "/v1/number", {
      itemsKey: "numbers",
      idOf: (w) => String(w["id"]),
    });
    expect(items.map((i) => i["id"])).toEqual(["NU_1", "NU_2", "NU_3"]);
  });

  it("fails the whole walk with StringeeApiError when a page answers r != 0", async () => {
    const fake = fakeTransport((req) =>
      req.query.get("page") === "1"
        ? { body: { r: 0, data: { totalPages: 2, numbers: [{ id: "NU_1" }] } } }
        : { body: { r: 1, message: "page must be a positive integer" } },
    );
    const http = new StringeeHttp({ apiKeySid: "SK", apiKeySecret: "secret", request: fake.request });
    await expect(http.listAll("icc", "/v1/number", { itemsKey: "numbers" })).rejects.toMatchObject({
      name: "StringeeApiError",
      method: "GET",
      path: "/v1/number",
      r: 1,
    });
  });
});
