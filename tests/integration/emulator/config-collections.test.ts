// The three project-configuration collections over real HTTP, in the default (strict) reading: the page
// samples of call settings, blacklist numbers and greeting files replayed, and the choices ASSUMPTIONS.md
// records where the pages are silent (the PUT forms, the `+` of listed numbers, the upload's limits).
import { mp3Bytes, wavBytes } from "../../support/audio";
import { type Harness, startHarness, useHarness } from "./harness";

const h = useHarness();

describe("call settings (/v1/callsettings)", () => {
  const SAMPLE_PUT = {
    get_customer_info_url: "http://sample.com/get_customer_info_url",
    get_customer_info_timeout: 90,
    event_url: "http://sample.com/event_url",
    callout_answer_url: "http://sample.com/callout_answer_url",
  };

  it("GET answers the page's sample shape: no top-level project, the documented defaults", async () => {
    const res = await h.api("GET", "/v1/callsettings");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      r: 0,
      message: "Load call settings success",
      callSetting: {
        account: 408,
        project: 246,
        get_customer_info_url: null,
        get_customer_info_timeout: 2000,
        event_url: null,
        callout_answer_url: null,
      },
    });
  });

  it("PUT with the sample body answers { r, message, project } and GET shows the new values", async () => {
    const res = await h.api("PUT", "/v1/callsettings", SAMPLE_PUT);
    expect(res.body).toEqual({ r: 0, message: "Update call settings success", project: 246 });
    expect(Object.keys(res.body)).toEqual(["r", "message", "project"]);
    expect((await h.api("GET", "/v1/callsettings")).body.callSetting).toMatchObject(SAMPLE_PUT);
  });

  it("a strict PUT must carry all four settings; a URL may be null, the timeout may not", async () => {
    const partial = await h.api("PUT", "/v1/callsettings", { event_url: "https://x.example/e" });
    expect(partial.body).toMatchObject({ r: 1, message: expect.stringContaining("is required") });
    const cleared = await h.api("PUT", "/v1/callsettings", { ...SAMPLE_PUT, event_url: null });
    expect(cleared.body.r).toBe(0);
    expect((await h.api("GET", "/v1/callsettings")).body.callSetting.event_url).toBeNull();
    const noTimeout = await h.api("PUT", "/v1/callsettings", {
      ...SAMPLE_PUT,
      get_customer_info_timeout: null,
    });
    expect(noTimeout.body.r).toBe(1);
  });

  it("refuses a URL that is not http(s) and a timeout out of range, naming the field", async () => {
    const url = await h.api("PUT", "/v1/callsettings", { ...SAMPLE_PUT, event_url: "ftp://x" });
    expect(url.body).toMatchObject({ r: 1, message: expect.stringContaining("event_url") });
    const timeout = await h.api("PUT", "/v1/callsettings", { ...SAMPLE_PUT, get_customer_info_timeout: 0 });
    expect(timeout.body).toMatchObject({
      r: 1,
      message: expect.stringContaining("get_customer_info_timeout"),
    });
  });

  it("has no POST or DELETE, and no item routes", async () => {
    expect((await h.api("POST", "/v1/callsettings", {})).status).toBe(405);
    expect((await h.api("DELETE", "/v1/callsettings")).headers.get("allow")).toBe("GET, PUT");
    expect((await h.api("PUT", "/v1/callsettings/x", {})).status).toBe(404);
  });

  it("changes out of band through /__emulator/callsettings, and reset restores the defaults", async () => {
    const patched = await h.control("PATCH", "/callsettings", { event_url: "https://dashboard.example/e" });
    expect(patched.body.object.event_url).toBe("https://dashboard.example/e");
    expect((await h.api("GET", "/v1/callsettings")).body.callSetting.event_url).toBe(
      "https://dashboard.example/e",
    );
    await h.control("POST", "/reset");
    expect((await h.control("GET", "/callsettings")).body.event_url).toBeNull();
  });
});

describe("blacklist numbers (/v1/blacklistnumber)", () => {
  it("POST with the sample request answers the sample shape with a listed-form id", async () => {
    const res = await h.api("POST", "/v1/blacklistnumber", {
      number: "84379361752",
      ivr_blocked: 1,
      queue_blocked: 1,
    });
    expect(res.body).toEqual({
      r: 0,
      project: 246,
      blacklistNumberID: expect.stringMatching(/^BN[A-Z0-9]{6}$/),
      message: "Create blacklist number success",
    });
    expect(Object.keys(res.body)).toEqual(["r", "project", "blacklistNumberID", "message"]);
  });

  it("GET lists the number with a leading + as the sample does, the create id, 0/1 flags", async () => {
    const id = (await h.api("POST", "/v1/blacklistnumber", { number: "84379361752", ivr_blocked: true })).body
      .blacklistNumberID;
    const res = await h.api("GET", "/v1/blacklistnumber");
    expect(res.body).toEqual({
      r: 0,
      message: "Load blacklist(s) success",
      project: 246,
      data: {
        totalCount: "1",
        totalPages: 1,
        currentPage: 1,
        limit: 50,
        blacklistNumbers: [
          { id, account: 408, project: 246, number: "+84379361752", ivr_blocked: 1, queue_blocked: 0 },
        ],
      },
    });
  });

  it("the same number with or without + is one number: a second create is r = 2", async () => {
    await h.api("POST", "/v1/blacklistnumber", { number: "+84379361752" });
    const again = await h.api("POST", "/v1/blacklistnumber", { number: "84379361752" });
    expect(again.body.r).toBe(2);
  });

  it("pages at most 100 numbers, whatever limit asks for", async () => {
    for (let i = 0; i < 101; i++)
      await h.control("POST", "/objects/blacklistnumber", { number: `8490000${1000 + i}` });
    const res = await h.api("GET", "/v1/blacklistnumber?page=1&limit=500");
    expect(res.body.data).toMatchObject({ totalCount: "101", totalPages: 2, limit: 100 });
    expect(res.body.data.blacklistNumbers).toHaveLength(100);
  });

  it("PUT /{id} needs the number and changes the flags; DELETE /{id} removes it, then r = -1", async () => {
    const id = (await h.api("POST", "/v1/blacklistnumber", { number: "84379361752" })).body.blacklistNumberID;
    expect((await h.api("PUT", `/v1/blacklistnumber/${id}`, { ivr_blocked: 1 })).body.r).toBe(1);
    const put = await h.api("PUT", `/v1/blacklistnumber/${id}`, { number: "84379361752", ivr_blocked: 1 });
    expect(put.body).toEqual({ r: 0, project: 246, message: "Update blacklist number success" });
    expect((await h.control("GET", `/objects/blacklistnumber/${id}`)).body).toMatchObject({ ivr_blocked: 1 });
    expect((await h.api("DELETE", `/v1/blacklistnumber/${id}`)).body.r).toBe(0);
    expect((await h.api("DELETE", `/v1/blacklistnumber/${id}`)).body).toMatchObject({
      r: -1,
      message: "Blacklist number not found",
    });
  });
});

describe("greeting files (/v1/greetingfile on the platform host)", () => {
  const upload = (bytes: Buffer, query = "uploadType=simple&desc=File_for_IVR_1") =>
    h.api("POST", `/v1/greetingfile?${query}`, undefined, {
      raw: bytes,
      headers: { "Content-Type": "application/octet-stream" },
    });

  it("an upload answers the page's sample shape: filename, fileSid, no project", async () => {
    const res = await upload(mp3Bytes());
    expect(res.body).toEqual({
      r: 0,
      filename: expect.stringMatching(/^[A-Z]{10}-\d{13}\.mp3$/),
      fileSid: expect.stringMatching(/^[A-Z0-9]{16}$/),
      message: "Upload file success",
    });
    expect(Object.keys(res.body)).toEqual(["r", "filename", "fileSid", "message"]);
  });

  it("tells WAV from MP3 by their bytes, not by a name, and refuses anything else", async () => {
    expect((await upload(wavBytes())).body.filename).toMatch(/\.wav$/);
    expect((await upload(mp3Bytes(2, false))).body.filename).toMatch(/\.mp3$/);
    const text = await upload(Buffer.from("not audio at all"));
    expect(text.body).toMatchObject({ r: 1, message: "only WAV or MP3 files can be uploaded" });
    expect((await upload(Buffer.alloc(0))).body.r).toBe(1);
  });

  it("needs uploadType=simple", async () => {
    expect((await upload(wavBytes(), "desc=x")).body.r).toBe(1);
    expect((await upload(wavBytes(), "uploadType=multipart")).body.message).toContain("multipart");
  });

  it("refuses a file over 5 MiB with HTTP 413, storing nothing", async () => {
    const big = Buffer.concat([wavBytes(), Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload(big)).status).toBe(413);
    expect((await h.control("GET", "/objects/greetingfile")).body.greetingfile).toEqual([]);
  });

  it("lists { sid, filename, desc1, created } under data.greeting_files with a text total, 10 a page", async () => {
    const first = (await upload(wavBytes())).body;
    const res = await h.api("GET", "/v1/greetingfile");
    expect(res.body).toEqual({
      r: 0,
      message: "Load greeting files success",
      data: {
        greeting_files: [
          {
            sid: first.fileSid,
            filename: first.filename,
            desc1: "File_for_IVR_1",
            created: expect.any(Number),
          },
        ],
        total: "1",
      },
    });
    for (let i = 0; i < 10; i++) await upload(wavBytes(10, i));
    const page1 = await h.api("GET", "/v1/greetingfile");
    expect(page1.body.data.greeting_files).toHaveLength(10);
    expect(page1.body.data.total).toBe("11");
    expect((await h.api("GET", "/v1/greetingfile?page=2")).body.data.greeting_files).toHaveLength(1);
  });

  it("keeps the content's SHA-256 for the controls, and cannot be changed: PUT is 405, DELETE removes it", async () => {
    const bytes = wavBytes(50, 3);
    const sid = (await upload(bytes)).body.fileSid;
    const stored = (await h.control("GET", `/objects/greetingfile/${sid}`)).body;
    expect(stored).toMatchObject({ format: "wav", size: bytes.length });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await h.api("PUT", `/v1/greetingfile/${sid}`, {})).status).toBe(405);
    expect((await h.api("DELETE", `/v1/greetingfile/${sid}`)).body).toEqual({
      r: 0,
      message: "Delete greeting file success",
    });
    expect((await h.api("DELETE", `/v1/greetingfile/${sid}`)).body.r).toBe(-1);
  });
});

describe("the lenient reading of call settings and greeting files", () => {
  let lenient: Harness;
  beforeAll(async () => {
    lenient = await startHarness({ reading: "lenient" });
  });
  afterAll(async () => {
    await lenient.close();
  });

  it("adds the top-level project of the page's field table and takes a PUT of some settings only", async () => {
    expect((await lenient.api("GET", "/v1/callsettings")).body).toMatchObject({ r: 0, project: 246 });
    const put = await lenient.api("PUT", "/v1/callsettings", { event_url: "https://x.example/e" });
    expect(put.body.r).toBe(0);
    expect((await lenient.api("GET", "/v1/callsettings")).body.callSetting).toMatchObject({
      event_url: "https://x.example/e",
      get_customer_info_timeout: 2000,
    });
  });

  it("lists greeting files as the strict reading does: what the emulator keeps of the content is for the controls", async () => {
    const bytes = mp3Bytes();
    await lenient.api("POST", "/v1/greetingfile?uploadType=simple", undefined, { raw: bytes });
    const [item] = (await lenient.api("GET", "/v1/greetingfile")).body.data.greeting_files;
    expect(Object.keys(item)).toEqual(["sid", "filename", "desc1", "created"]);
    expect((await lenient.control("GET", "/objects/greetingfile")).body.greetingfile[0]).toMatchObject({
      format: "mp3",
      size: bytes.length,
      desc1: null,
    });
  });
});
