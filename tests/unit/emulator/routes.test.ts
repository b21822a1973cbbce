// The REST surface without sockets: routing, envelopes, paging, malformed bodies.
import { handleApi, matchRoute } from "../../../provider/emulator/routes";
import { Store } from "../../../provider/emulator/store";

function call(store: Store, method: string, path: string, body?: unknown) {
  const url = new URL(path, "http://x");
  return handleApi(
    store,
    method,
    url.pathname,
    url.searchParams,
    body === undefined ? "" : JSON.stringify(body),
  );
}

describe("matchRoute", () => {
  it("resolves collection and item routes, decoding ids", () => {
    expect(matchRoute("/v1/agent")).toMatchObject({ kind: "collection", def: { name: "agent" } });
    expect(matchRoute("/v1/sipphone/246_100")).toMatchObject({
      kind: "item",
      id: "246_100",
      def: { name: "sipphone" },
    });
    expect(matchRoute("/v1/number/NU%20X")).toMatchObject({ kind: "item", id: "NU X" });
    expect(matchRoute("/v1/sippphone")).toMatchObject({ kind: "collection", def: { name: "sipphone" } });
    expect(matchRoute("/v1/number/a/b")).toEqual({ kind: "none" });
    expect(matchRoute("/v2/number")).toEqual({ kind: "none" });
  });
});

describe("handleApi", () => {
  it("creates and reports the write as a mutation; lists are not mutations", () => {
    const store = new Store(246, 408);
    const created = call(store, "POST", "/v1/ivrtree", { tree_name: "T" });
    expect(created).toMatchObject({
      status: 200,
      mutated: true,
      // As the IVR tree page's sample (`"ivrTreeID": "F9GVMPTXLJE071IJ"`): no prefix in the strict reading.
      body: { r: 0, project: 246, ivrTreeID: expect.stringMatching(/^[A-Z0-9]{16}$/) },
    });
    expect(call(store, "GET", "/v1/ivrtree").mutated).toBe(false);
  });

  it("answers isRootNode (a boolean) when a node is created, as the IVR node page names it", () => {
    const store = new Store(246, 408);
    const tree = call(store, "POST", "/v1/ivrtree", { tree_name: "T" }).body.ivrTreeID;
    const node = call(store, "POST", "/v1/ivrnode", {
      tree,
      node_name: "n",
      node_play_mode: "talk",
      node_play_content: "c",
    });
    expect(node.body).toEqual({
      r: 0,
      project: 246,
      ivrNodeID: expect.stringMatching(/^[A-Z0-9]{16}$/),
      message: "Create ivr node success",
      isRootNode: true,
    });
  });

  it("in the lenient reading, answers the listed id and the root flag twice (is_root_node and isRootNode, 0/1)", () => {
    const store = new Store(246, 408, { reading: "lenient" });
    const tree = call(store, "POST", "/v1/ivrtree", { tree_name: "T" }).body.ivrTreeID;
    expect(tree).toMatch(/^TR_[A-Z0-9]{16}$/);
    const node = call(store, "POST", "/v1/ivrnode", {
      tree,
      node_name: "n",
      node_play_mode: "talk",
      node_play_content: "c",
    });
    expect(node.body).toEqual({
      r: 0,
      project: 246,
      ivrNodeID: expect.stringMatching(/^NO_[A-Z0-9]{16}$/),
      message: "Create ivr node success",
      is_root_node: 1,
      isRootNode: 1,
    });
  });

  it("computes paging with a string total and an empty last page", () => {
    const store = new Store(246, 408);
    for (let i = 0; i < 3; i++)
      call(store, "POST", "/v1/agent", { name: `a${i}`, stringee_user_id: `u${i}` });
    expect(call(store, "GET", "/v1/agent?limit=2&page=2").body.data).toMatchObject({
      totalAgents: "3",
      totalPages: 2,
      currentPage: 2,
      limit: 2,
      agents: [{ name: "a2" }],
    });
    expect(call(store, "GET", "/v1/agent?page=9").body.data).toMatchObject({ agents: [] });
    expect(call(new Store(246, 408), "GET", "/v1/agent").body.data).toMatchObject({
      totalAgents: "0",
      totalPages: 0,
    });
    expect(call(store, "GET", "/v1/agent?limit=x").body).toMatchObject({
      r: 1,
      message: "limit must be a positive integer",
    });
  });

  it("answers malformed and non-object bodies with r = 5 and HTTP 200", () => {
    const store = new Store(246, 408);
    const url = new URL("http://x/v1/queue");
    expect(handleApi(store, "POST", url.pathname, url.searchParams, "{")).toMatchObject({
      status: 200,
      body: { r: 5 },
    });
    expect(handleApi(store, "POST", url.pathname, url.searchParams, '"text"')).toMatchObject({
      body: { r: 5, message: "Request body must be a JSON object" },
    });
  });

  it("treats an empty body as an empty object, so the first required field is named", () => {
    expect(call(new Store(246, 408), "POST", "/v1/queue").body).toEqual({
      r: 1,
      project: 246,
      message: "name is required",
    });
  });

  it("leaves project out of sipphone envelopes", () => {
    const store = new Store(246, 408);
    expect(call(store, "POST", "/v1/sipphone", { username: "u" }).body).toEqual({
      r: 1,
      message: "password is required",
    });
    expect(call(store, "POST", "/v1/sippphone", { username: "u", password: "p" })).toMatchObject({
      status: 405,
    });
  });
});
