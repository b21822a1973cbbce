// How `doctor` reads one list answer against what the client expects (no sockets): the variants the
// documents show (numeric ids, totals as numbers, fewer fields) are notes, what the provider cannot work
// without is a problem.
import { compare, formatReport, parseDoctorArgs, type DoctorReport } from "../../../provider/cli/doctor";
import { LIST_CATALOG } from "../../../provider/client/catalog";

const entry = (name: string) => LIST_CATALOG.find((e) => e.collection === name)!;
const answer = (data: Record<string, unknown>, status = 200, r = 0) => ({
  status,
  headers: { "content-type": "application/json", "x-total-rate-limit-per-10secs": "300" },
  body: { r, message: "Load", project: 246, data },
});

describe("doctor's comparison of one list answer", () => {
  it("reads the keypress doc's numeric sample: numeric ids, nothing missing, from_number_callout_to_agent not listed", () => {
    const report = compare(
      entry("ivrKeypresses"),
      "GET /v1/ivrkeypress?node=10",
      answer({
        totalCount: "1",
        totalPages: 1,
        ivrNodeKeys: [
          {
            id: 17,
            account: 408,
            project: 246,
            tree: 7,
            node: 10,
            node_key: "1",
            action: 4,
            next_node: 10,
            queue_id: 0,
            to_phone_number: null,
            sms: null,
          },
        ],
      }),
    );
    expect(report).toMatchObject({
      outcome: "ok",
      items: 1,
      ids: "numeric",
      missingRequired: [],
      notListed: ["from_number_callout_to_agent"],
      unknown: [],
      problems: [],
      total: { key: "totalCount", value: "1", type: "string" },
      rateLimitHeaders: { "x-total-rate-limit-per-10secs": "300" },
    });
  });

  it("tells unprefixed ids, totals sent as numbers and fields the provider does not know", () => {
    const report = compare(
      entry("groups"),
      "GET /v1/group",
      answer({
        totalGroups: 2,
        totalPages: 1,
        groups: [{ id: "VJ2LFCVKRO0CXAM2", name: "Support", colour: "red" }],
      }),
    );
    expect(report).toMatchObject({
      ids: "unprefixed",
      total: { key: "totalGroups", value: 2, type: "number" },
      unknown: ["colour"],
      notListed: ["number_of_agent"],
      problems: [],
    });
  });

  it("an item without the natural key is a problem: the provider would skip it", () => {
    const report = compare(
      entry("agents"),
      "GET /v1/agent",
      answer({ totalAgents: "1", agents: [{ id: "AG_1", name: "x" }] }),
    );
    expect(report.missingRequired).toEqual(["stringee_user_id"]);
    expect(report.problems).toEqual(["items lack stringee_user_id, which the provider needs"]);
  });

  it("a paged list with neither a total nor totalPages is a problem", () => {
    const report = compare(entry("queues"), "GET /v1/queue", answer({ queues: [] }));
    expect(report.problems[0]).toContain("cannot tell when a paged list ends");
  });

  it("an error envelope, an HTTP error or a body that is not an envelope fails the collection", () => {
    expect(compare(entry("numbers"), "GET /v1/number", answer({}, 200, 7)).problems).toEqual([
      'answered HTTP 200, r=7 "Load"',
    ]);
    expect(
      compare(entry("numbers"), "GET /v1/number", {
        status: 502,
        headers: {},
        body: "<html>Bad gateway</html>",
      }).problems,
    ).toEqual(["answered HTTP 502 with a body that is not a Stringee envelope"]);
    expect(compare(entry("numbers"), "GET /v1/number", answer({ totalCount: "0" })).problems).toEqual([
      "the answer has no data.numbers list (data keys: totalCount)",
    ]);
  });
});

describe("doctor's arguments and text", () => {
  it("parses --stack NAME, --stack=NAME and --json; refuses anything else", () => {
    expect(parseDoctorArgs(["--stack", "prod", "--json"])).toEqual({
      stack: "prod",
      json: true,
      help: false,
    });
    expect(parseDoctorArgs(["--stack=dev"]).stack).toBe("dev");
    expect(() => parseDoctorArgs(["--stack", "a b"])).toThrow("is not a stack name");
    expect(() => parseDoctorArgs(["--secret"])).toThrow('unknown argument "--secret"');
  });

  it("the text report names each problem and ends with the verdict", () => {
    const report: DoctorReport = {
      ok: false,
      settings: {
        apiKeySid: { source: "STRINGEE_API_KEY_SID", value: "SK1" },
        apiKeySecret: { source: "STRINGEE_API_KEY_SECRET" },
      },
      collections: [
        compare(entry("agents"), "GET /v1/agent", answer({ totalAgents: "1", agents: [{ id: "AG_1" }] })),
      ],
      problems: [],
    };
    const text = formatReport(report);
    expect(text).toContain("(set, not shown)");
    expect(text).toContain("problem: items lack stringee_user_id, which the provider needs");
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "Result: the provider would not work as expected; see the problems above.",
    );
  });
});
