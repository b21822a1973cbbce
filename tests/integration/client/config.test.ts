// The client's call settings, blacklist numbers and greeting files against the emulator over real HTTP, in
// its default (strict) reading: what each sends, how it reads the quirks (the listed `+`, a list with only a
// total), and that a create whose answer is lost is found again instead of repeated.
import { mp3Bytes, wavBytes } from "../../support/audio";
import { SECRET, startClientHarness, type ClientHarness } from "./harness";

let h: ClientHarness;

beforeAll(async () => {
  h = await startClientHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
});

describe("call settings", () => {
  it("reads the documented defaults, then an update sends all four settings and keeps the ones not given", async () => {
    expect(await h.client.callSettings.get()).toEqual({ getCustomerInfoTimeout: 2000 });
    await h.client.callSettings.update({
      eventUrl: "https://cc.example/events",
      getCustomerInfoTimeout: 300,
    });
    await h.client.callSettings.update({ calloutAnswerUrl: "https://cc.example/answer" });
    expect(await h.client.callSettings.get()).toEqual({
      eventUrl: "https://cc.example/events",
      getCustomerInfoTimeout: 300,
      calloutAnswerUrl: "https://cc.example/answer",
    });
    const puts = (await h.requests()).requests.filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.r)).toEqual([0, 0]);
  });

  it("null puts a URL back to NULL and the timeout back to its default; an empty update sends nothing", async () => {
    await h.client.callSettings.update({ eventUrl: "https://cc.example/e", getCustomerInfoTimeout: 90 });
    await h.client.callSettings.update({ eventUrl: null, getCustomerInfoTimeout: null });
    expect(await h.client.callSettings.get()).toEqual({ getCustomerInfoTimeout: 2000 });
    await h.clearRequests();
    await h.client.callSettings.update({});
    expect((await h.requests()).requests).toEqual([]);
  });
});

describe("blacklist numbers", () => {
  it("create answers the listed id; the number reads without its + and is found in either form", async () => {
    const { id } = await h.client.blacklistNumbers.create({
      number: "84379361752",
      ivrBlocked: true,
      queueBlocked: false,
    });
    expect(id).toMatch(/^BN[A-Z0-9]{6}$/);
    // Listed as "+84379361752" by the emulator, as in the page's sample.
    expect((await h.objects("blacklistnumber"))[0]).toMatchObject({ number: "+84379361752" });
    const listed = await h.client.blacklistNumbers.findById(id);
    expect(listed).toEqual({ id, number: "84379361752", ivrBlocked: true, queueBlocked: false });
    expect(await h.client.blacklistNumbers.findByNaturalKey({ number: "+84379361752" })).toEqual(listed);
    // The create answer's id is the listed one: no listing was needed to confirm it.
    const posts = (await h.requests()).requests.map((r) => `${r.method} ${r.path}`);
    expect(posts.slice(0, 2)).toEqual(["POST /v1/blacklistnumber", "GET /v1/blacklistnumber"]);
  });

  it("sends the flags as 1/0, as the page's samples do, and updates carry the number", async () => {
    const { id } = await h.client.blacklistNumbers.create({ number: "84900000001", ivrBlocked: true });
    await h.client.blacklistNumbers.update(id, { number: "84900000001", queueBlocked: true });
    expect(await h.client.blacklistNumbers.findById(id)).toMatchObject({
      ivrBlocked: true,
      queueBlocked: true,
    });
    expect(await h.client.blacklistNumbers.delete(id)).toEqual({ deleted: true });
    expect(await h.client.blacklistNumbers.delete(id)).toEqual({ deleted: false });
  });

  it("walks every page of a list longer than the 100-a-page maximum", async () => {
    for (let i = 0; i < 130; i++)
      await h.seed("blacklistnumber", { number: `849${String(i).padStart(8, "0")}` });
    const all = await h.makeClient({ pageSize: 500 }).blacklistNumbers.list();
    expect(all).toHaveLength(130);
    expect(new Set(all.map((b) => b.id)).size).toBe(130);
  });

  it("a create whose answer is lost is found by its number, not sent twice", async () => {
    await h.fault({ method: "POST", path: "^/v1/blacklistnumber$", kind: "drop-response", count: 1 });
    const created = await h.client.blacklistNumbers.create({ number: "84379361752", ivrBlocked: true });
    expect(created.recovered).toBe(true);
    expect(await h.objects("blacklistnumber")).toHaveLength(1);
  });
});

describe("greeting files", () => {
  it("uploads the bytes to the platform host with the description in the query, and reads the file name", async () => {
    const bytes = wavBytes(200);
    const created = await h.client.greetingFiles.create({
      description: "Hold music",
      content: bytes,
      format: "wav",
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[A-Z0-9]{16}$/),
      recovered: false,
      fileName: expect.stringMatching(/\.wav$/),
    });
    const [stored] = await h.objects("greetingfile");
    expect(stored).toMatchObject({
      sid: created.id,
      filename: created.fileName,
      desc1: "Hold music",
      size: bytes.length,
    });
    const upload = (await h.requests()).requests.find((r) => r.method === "POST");
    expect(upload).toMatchObject({
      path: "/v1/greetingfile",
      query: { uploadType: "simple", desc: "Hold music" },
    });
    expect(await h.client.greetingFiles.findById(created.id)).toEqual({
      sid: created.id,
      fileName: created.fileName,
      description: "Hold music",
      created: expect.any(Number),
    });
  });

  it("walks a list that answers only a total, page after page", async () => {
    for (let i = 0; i < 7; i++)
      await h.seed("greetingfile", { desc1: `f${i}`, filename: `ABCDEFGHIJ-${i}.mp3` });
    const small = h.makeClient({ pageSize: 3 });
    expect((await small.greetingFiles.list()).map((f) => f.description)).toEqual([
      "f0",
      "f1",
      "f2",
      "f3",
      "f4",
      "f5",
      "f6",
    ]);
    const pages = (await h.requests()).requests.filter((r) => r.method === "GET").map((r) => r.query["page"]);
    expect(pages).toEqual(["1", "2", "3"]);
  });

  it("an upload whose answer is lost is found by its description, with its file name", async () => {
    await h.fault({ method: "POST", path: "^/v1/greetingfile$", kind: "drop-response", count: 1 });
    const created = await h.client.greetingFiles.create({
      description: "Welcome sha256:abc",
      content: mp3Bytes(),
      format: "mp3",
    });
    expect(created.recovered).toBe(true);
    const files = await h.objects("greetingfile");
    expect(files).toHaveLength(1);
    expect(created.fileName).toBe(files[0]!["filename"]);
  });

  it("a refused upload names the method, path and Stringee's message, never the bytes or the secret", async () => {
    const err = await h.client.greetingFiles
      .create({ description: "bad", content: Buffer.from("plain text, not audio"), format: "wav" })
      .catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain("POST /v1/greetingfile");
    expect((err as Error).message).toContain("only WAV or MP3 files can be uploaded");
    expect((err as Error).message).not.toContain("plain text");
    expect((err as Error).message).not.toContain(SECRET);
  });

  it("deletes by sid; a second delete is a no-op", async () => {
    const { id } = await h.client.greetingFiles.create({
      description: "x",
      content: wavBytes(),
      format: "wav",
    });
    expect(await h.client.greetingFiles.delete(id)).toEqual({ deleted: true });
    expect(await h.client.greetingFiles.delete(id)).toEqual({ deleted: false });
  });
});
