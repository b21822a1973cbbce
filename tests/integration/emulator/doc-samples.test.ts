// Replays every sample request of the four Stringee API documents in shared/stringee-api and
// checks the answers have the documented shape: field names, types, string totals, 0/1 booleans. This is
// the emulator's default (strict) reading, which answers with exactly the samples' fields; readings.test.ts
// covers what the lenient reading adds.
import { useHarness } from "./harness";

describe("number.txt samples (project 246, account 408)", () => {
  const h = useHarness();
  beforeEach(async () => {
    // The objects the samples name must exist, with the sample ids.
    await h.control("POST", "/objects/ivrtree", { id: "TR_5DFM9ZXZNBM5EQG9", tree_name: "Sample tree" });
    await h.control("POST", "/objects/queue", { id: "QU_H7CFNKKKUGYG5N2R", name: "Sample queue" });
  });

  it("POST /v1/number answers r, project, numberID and 'Create number success'", async () => {
    const res = await h.api("POST", "/v1/number", {
      number: "84986225112",
      nickname: "Number 112",
      allow_outbound_calls: true,
      enable_ivr: true,
      ivr_menu: "TR_5DFM9ZXZNBM5EQG9",
      queue_id: "QU_H7CFNKKKUGYG5N2R",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      r: 0,
      project: 246,
      numberID: expect.any(String),
      message: "Create number success",
    });
    expect(Object.keys(res.body)).toEqual(["r", "project", "numberID", "message"]);
    // As the sample (`"numberID": "Z1SQMO3W5UIHUGHC"`): no prefix in the create answer.
    expect(res.body.numberID).toMatch(/^[A-Z0-9]{16}$/);
  });

  it("GET /v1/number lists numbers exactly as the sample, with a string totalCount and 0/1 booleans", async () => {
    await h.control("POST", "/objects/number", {
      id: "NU_S53F60KUWL19L663",
      number: "84986225112",
      nickname: "Number 112",
      allow_outbound_calls: 1,
      enable_ivr: 0,
      ivr_menu: "TR_5DFM9ZXZNBM5EQG9",
      queue_id: "QU_H7CFNKKKUGYG5N2R",
    });
    const res = await h.api("GET", "/v1/number");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      r: 0,
      message: "Load number success",
      project: 246,
      data: {
        totalCount: "1",
        totalPages: 1,
        currentPage: 1,
        limit: 50,
        numbers: [
          {
            id: "NU_S53F60KUWL19L663",
            account: 408,
            project: 246,
            number: "84986225112",
            nickname: "Number 112",
            allow_outbound_calls: 1,
            enable_ivr: 0,
            ivr_menu: "TR_5DFM9ZXZNBM5EQG9",
            queue_id: "QU_H7CFNKKKUGYG5N2R",
          },
        ],
      },
    });
  });

  it("PUT /v1/number/{id} with a partial body answers exactly the sample { r: 0, message }", async () => {
    await h.control("POST", "/objects/number", {
      id: "NU_S53F60KUWL19L663",
      number: "84986225112",
      allow_outbound_calls: false,
      enable_ivr: false,
    });
    const res = await h.api("PUT", "/v1/number/NU_S53F60KUWL19L663", {
      number: "333333",
      nickname: "new nick name",
      allow_outbound_calls: true,
    });
    expect(res.body).toEqual({ r: 0, message: "Update number success" });
    const listed = await h.api("GET", "/v1/number");
    expect(listed.body.data.numbers[0]).toMatchObject({
      number: "333333",
      nickname: "new nick name",
      allow_outbound_calls: 1,
    });
  });

  it("DELETE /v1/number/{id} answers the sample { r: 0, project, message }", async () => {
    await h.control("POST", "/objects/number", {
      id: "NU_S53F60KUWL19L663",
      number: "84986225112",
      allow_outbound_calls: true,
      enable_ivr: false,
    });
    const res = await h.api("DELETE", "/v1/number/NU_S53F60KUWL19L663");
    expect(res.body).toEqual({ r: 0, project: 246, message: "Delete number success" });
    expect((await h.api("GET", "/v1/number")).body.data.totalCount).toBe("0");
  });
});

describe("agent.txt samples", () => {
  const h = useHarness();

  it("POST /v1/agent answers r, project, agentID and 'Create agent success'", async () => {
    const res = await h.api("POST", "/v1/agent", {
      name: "Agent 1",
      stringee_user_id: "agent_1",
      manual_status: "NOT AVAILABLE",
    });
    expect(res.body).toEqual({
      r: 0,
      project: 246,
      agentID: expect.stringMatching(/^[A-Z0-9]{16}$/),
      message: "Create agent success",
    });
    expect(Object.keys(res.body)).toEqual(["r", "project", "agentID", "message"]);
  });

  it("GET /v1/agent lists agents with a string totalAgents, numeric paging and manual_status null when unset", async () => {
    await h.api("POST", "/v1/agent", {
      name: "Agent 1",
      stringee_user_id: "agent_1",
      manual_status: "NOT AVAILABLE",
    });
    await h.control("POST", "/objects/agent", {
      id: "AG_XPHOV0V7X71EFH98",
      name: "Agent 2",
      stringee_user_id: "agent_2",
    });
    const res = await h.api("GET", "/v1/agent");
    expect(res.body).toMatchObject({
      r: 0,
      message: "Load agent(s) success",
      project: 246,
      data: { totalAgents: "2", totalPages: 1, currentPage: 1, limit: 50 },
    });
    expect(Object.keys(res.body.data)).toEqual([
      "totalAgents",
      "totalPages",
      "currentPage",
      "limit",
      "agents",
    ]);
    expect(res.body.data.agents[1]).toEqual({
      id: "AG_XPHOV0V7X71EFH98",
      project: 246,
      account: 408,
      name: "Agent 2",
      stringee_user_id: "agent_2",
      manual_status: null,
      system_status: 0,
      device_status: 0,
      last_time_pickup: 0,
      last_time_support_call_ended: 0,
    });
    expect(res.body.data.agents[0]).toMatchObject({ name: "Agent 1", manual_status: "NOT AVAILABLE" });
  });

  it("DELETE /v1/agent/{unknown id} answers exactly the sample 'Agent not found' with r = -1", async () => {
    const res = await h.api("DELETE", "/v1/agent/AG_XPHOV0V7X71EFH98");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ r: -1, project: 246, message: "Agent not found" });
  });

  it("PUT /v1/agent/{id} with a partial body answers r, message, project in the sample's order", async () => {
    await h.control("POST", "/objects/agent", {
      id: "AG_7JWOEAV2Q1LTRIF9",
      name: "Agent 7",
      stringee_user_id: "agent_7",
    });
    const res = await h.api("PUT", "/v1/agent/AG_7JWOEAV2Q1LTRIF9", {
      name: "Agent new name1",
      manual_status: "AVAILABLE",
    });
    expect(res.body).toEqual({ r: 0, message: "Update agent info success", project: 246 });
    expect(Object.keys(res.body)).toEqual(["r", "message", "project"]);
    const listed = await h.api("GET", "/v1/agent");
    expect(listed.body.data.agents[0]).toMatchObject({
      name: "Agent new name1",
      manual_status: "AVAILABLE",
      stringee_user_id: "agent_7",
    });
  });
});

describe("ivrkeypress.txt samples", () => {
  const h = useHarness();
  beforeEach(async () => {
    await h.control("POST", "/objects/ivrtree", { id: "TR_3L00Y4W0COG0S3NW", tree_name: "Sample tree" });
    for (const id of ["99OL694QXB2PJJLW", "G4Z7KTUI3L8MFXA6", "NO_294UFJIAVSI91WID"]) {
      await h.control("POST", "/objects/ivrnode", {
        id,
        tree: "TR_3L00Y4W0COG0S3NW",
        node_name: id,
        node_play_mode: "talk",
        node_play_content: "Hello",
      });
    }
    await h.control("POST", "/objects/queue", { id: "QU_JFYXLG3RXZBFCTZY", name: "Sample queue" });
  });

  it("POST /v1/ivrkeypress answers r, project, ivrNodeKeyID and 'Create ivr node key success'", async () => {
    const res = await h.api("POST", "/v1/ivrkeypress", {
      node: "99OL694QXB2PJJLW",
      node_key: "1",
      action: 4,
      next_node: "G4Z7KTUI3L8MFXA6",
    });
    expect(res.body).toEqual({
      r: 0,
      project: 246,
      ivrNodeKeyID: expect.stringMatching(/^[A-Z0-9]{16}$/),
      message: "Create ivr node key success",
    });
    expect(Object.keys(res.body)).toEqual(["r", "project", "ivrNodeKeyID", "message"]);
  });

  it("GET /v1/ivrkeypress?node= lists keypresses as the sample, with null for unset targets", async () => {
    await h.control("POST", "/objects/ivrkeypress", {
      id: "NO_KE_F0BSI4Q82DDWS9RM",
      node: "NO_294UFJIAVSI91WID",
      node_key: "1",
      action: 4,
      next_node: "NO_294UFJIAVSI91WID",
    });
    const res = await h.api("GET", "/v1/ivrkeypress?node=NO_294UFJIAVSI91WID");
    expect(res.body).toEqual({
      r: 0,
      message: "Load IVR node key success",
      project: 246,
      data: {
        totalCount: "1",
        totalPages: 1,
        currentPage: 1,
        limit: 50,
        ivrNodeKeys: [
          {
            id: "NO_KE_F0BSI4Q82DDWS9RM",
            account: 408,
            project: 246,
            tree: "TR_3L00Y4W0COG0S3NW",
            node: "NO_294UFJIAVSI91WID",
            node_key: "1",
            action: 4,
            next_node: "NO_294UFJIAVSI91WID",
            queue_id: null,
            to_phone_number: null,
            sms: null,
          },
        ],
      },
    });
  });

  it("DELETE /v1/ivrkeypress/{id} answers the sample { r: 0, project, message }", async () => {
    // The sample deletes id NO_294UFJIAVSI91WID; keypress ids are opaque, so one is created with it.
    await h.control("POST", "/objects/ivrkeypress", {
      id: "NO_294UFJIAVSI91WID",
      node: "99OL694QXB2PJJLW",
      node_key: "#",
      action: 6,
    });
    const res = await h.api("DELETE", "/v1/ivrkeypress/NO_294UFJIAVSI91WID");
    expect(res.body).toEqual({ r: 0, project: 246, message: "Delete ivr node key success" });
  });

  it("PUT /v1/ivrkeypress/{id} with a partial body answers the sample, ivrNodeKeyID included", async () => {
    await h.control("POST", "/objects/ivrkeypress", {
      id: "NO_KE_5I4IWGSO7L5CXGR5",
      node: "99OL694QXB2PJJLW",
      node_key: "1",
      action: 4,
      next_node: "G4Z7KTUI3L8MFXA6",
    });
    const res = await h.api("PUT", "/v1/ivrkeypress/NO_KE_5I4IWGSO7L5CXGR5", {
      node_key: "5",
      action: 2,
      queue_id: "QU_JFYXLG3RXZBFCTZY",
    });
    expect(res.body).toEqual({
      r: 0,
      project: 246,
      ivrNodeKeyID: "NO_KE_5I4IWGSO7L5CXGR5",
      message: "Update ivr node key success",
    });
    const listed = await h.api("GET", "/v1/ivrkeypress?node=99OL694QXB2PJJLW");
    expect(listed.body.data.ivrNodeKeys[0]).toMatchObject({
      node_key: "5",
      action: 2,
      queue_id: "QU_JFYXLG3RXZBFCTZY",
      next_node: null,
    });
  });
});

describe("sipphone.txt samples (project 1, as in the samples)", () => {
  const h = useHarness({ projectId: 1 });

  it("POST /v1/sipphone answers exactly { r: 0, sipusername: '1_100', message: 'Success' }", async () => {
    const res = await h.api("POST", "/v1/sipphone", { username: "100", password: "password123456" });
    expect(res.body).toEqual({ r: 0, sipusername: "1_100", message: "Success" });
    expect(JSON.stringify(res.body)).not.toContain("password123456");
  });

  it("GET /v1/sippphone (the sample's spelling) lists SIP phones with a string total and no password", async () => {
    await h.api("POST", "/v1/sipphone", { username: "test", password: "secret-pass" });
    const res = await h.api("GET", "/v1/sippphone");
    expect(res.body).toEqual({
      r: 0,
      message: "Success",
      // The doc's "Sample response": `{ "username": "1_test", "email_address": "" }`, no extension.
      data: { sipphones: [{ username: "1_test", email_address: "" }], total: "1" },
    });
    const documented = await h.api("GET", "/v1/sipphone");
    expect(documented.body).toEqual(res.body);
    expect(JSON.stringify(documented.body)).not.toContain("secret-pass");
  });

  it("PUT /v1/sipphone/{username} answers { r: 0, message: 'Success' }", async () => {
    await h.api("POST", "/v1/sipphone", { username: "test", password: "old-password" });
    const res = await h.api("PUT", "/v1/sipphone/test", { password: "testpasswd122" });
    expect(res.body).toEqual({ r: 0, message: "Success" });
  });

  it("DELETE /v1/sipphone/{username} answers { r: 0, message: 'Success' }", async () => {
    await h.api("POST", "/v1/sipphone", { username: "test", password: "old-password" });
    const res = await h.api("DELETE", "/v1/sipphone/test");
    expect(res.body).toEqual({ r: 0, message: "Success" });
    expect((await h.api("GET", "/v1/sipphone")).body.data.total).toBe("0");
  });
});
