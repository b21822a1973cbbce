// stringee.SipPhone's lifecycle over real HTTP against the emulator (the platform API host): the id is
// the prefixed SIP username, the password is write-only and must never be lost from state.
import { alreadyExistsMessage } from "../../../provider/kinds/framework";
import { sipPhoneDefinition } from "../../../provider/kinds/sipPhone";
import { checked, rejectionOf, startResourceHarness, type Props, type ResourceHarness } from "./harness";

let h: ResourceHarness;

beforeAll(async () => {
  h = await startResourceHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  await h.reset();
});

const lc = () => h.lifecycle(sipPhoneDefinition);
const PASSWORD = "desk-password-100";
const ARGS: Props = { username: "100", password: PASSWORD, extension: 100 };
const OUTS: Props = { ...ARGS, stringeeId: "246_100", sipUsername: "246_100", emailAddress: null };

async function created(): Promise<{ id: string; outs: Props }> {
  const result = await lc().create(checked(lc(), ARGS));
  await h.clearRequests();
  return { id: result.id, outs: result.outs as Props };
}

describe("SipPhone against the emulator", () => {
  it("create makes one phone with its extension and stores the prefixed username as id", async () => {
    const result = await lc().create(checked(lc(), ARGS));
    expect(result).toEqual({ id: "246_100", outs: OUTS });
    expect(await h.objects("sipphone")).toEqual([
      { username: "246_100", extension: 100, email_address: null },
    ]);
    const counts = await h.counts();
    expect(counts["POST /v1/sipphone"]).toBe(1);
    // The create call takes no extension: it is set by a follow-up PUT.
    expect(counts["PUT /v1/sipphone/:id"]).toBe(1);
  });

  it("read returns the outputs and keeps the password, which the API never returns", async () => {
    const { id, outs } = await created();
    expect(await lc().read(id, outs)).toEqual({ id, props: OUTS, inputs: ARGS });
  });

  it("update changes password and extension in place with one PUT", async () => {
    const { id, outs } = await created();
    const news = checked(lc(), { ...ARGS, password: "new-desk-password", extension: 200 });
    const result = await lc().update(id, outs, news);
    expect(result.outs).toEqual({ ...OUTS, password: "new-desk-password", extension: 200 });
    expect(await h.object("sipphone", id)).toMatchObject({ extension: 200 });
    const counts = await h.counts();
    expect(counts["PUT /v1/sipphone/:id"]).toBe(1);
    expect(counts["POST /v1/sipphone"]).toBeUndefined();
  });

  it("update removing the extension clears it in Stringee", async () => {
    const { id, outs } = await created();
    const news = checked(lc(), { username: "100", password: PASSWORD });
    const result = await lc().update(id, outs, news);
    expect(result.outs).not.toHaveProperty("extension");
    // Refresh then `up` must be quiet; if the extension stayed, every `up` shows the same change again.
    const refreshed = await lc().read(id, result.outs as Props);
    expect(lc().diff(refreshed.props as Props, news).changes).toBe(false);
    expect(await h.object("sipphone", id)).toMatchObject({ extension: null });
  });

  it("read shows an extension changed out of band (drift) where the list shows extensions (lenient reading)", async () => {
    const lenient = await startResourceHarness("lenient");
    try {
      const first = await lenient.lifecycle(sipPhoneDefinition).create(checked(lc(), ARGS));
      const id = first.id;
      await lenient.patch("sipphone", id, { extension: 555, email_address: "desk@example.com" });
      const result = await lenient.lifecycle(sipPhoneDefinition).read(id, first.outs as Props);
      expect(result.inputs).toEqual({ ...ARGS, extension: 555 });
      expect(result.props).toEqual({ ...OUTS, extension: 555, emailAddress: "desk@example.com" });
      expect(lc().diff(result.props as Props, checked(lc(), ARGS)).changes).toBe(true);
    } finally {
      await lenient.close();
    }
  });

  it("read keeps the applied extension where the list does not show it (the strict sample), with no diff", async () => {
    const { id, outs } = await created();
    await h.patch("sipphone", id, { extension: 555, email_address: "desk@example.com" });
    const result = await lc().read(id, outs);
    expect(result.inputs).toEqual(ARGS);
    expect(result.props).toEqual({ ...OUTS, emailAddress: "desk@example.com" });
    expect(lc().diff(result.props as Props, checked(lc(), ARGS)).changes).toBe(false);
  });

  it("read returns {} once the phone was deleted out of band", async () => {
    const { id, outs } = await created();
    await h.remove("sipphone", "100");
    await expect(lc().read(id, outs)).resolves.toEqual({});
  });

  it("delete removes the phone; deleting again is a no-op", async () => {
    const { id, outs } = await created();
    await lc().delete(id, outs);
    expect(await h.objects("sipphone")).toEqual([]);
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    const deletes = (await h.requests()).requests.filter((r) => r.method === "DELETE");
    expect(deletes.map((r) => [r.path, r.r])).toEqual([
      ["/v1/sipphone/100", 0],
      ["/v1/sipphone/100", -1],
    ]);
  });

  it("a create whose answer is lost ends with exactly one phone, under the right id", async () => {
    await h.fault({ method: "POST", path: "^/v1/sipphone$", kind: "drop-response" });
    const result = await lc().create(checked(lc(), ARGS));
    expect(result.id).toBe("246_100");
    expect(await h.objects("sipphone")).toEqual([
      { username: "246_100", extension: 100, email_address: null },
    ]);
    expect((await h.counts())["POST /v1/sipphone"]).toBe(1);
  });

  it("create refuses a phone created out of band and tells how to adopt it", async () => {
    const id = await h.seed("sipphone", { username: "100", password: "someone-elses" });
    expect(id).toBe("246_100");
    const err = await rejectionOf(lc().create(checked(lc(), ARGS)));
    expect(err.message).toBe(alreadyExistsMessage("SipPhone", "username 100", id));
    expect(err.message).not.toContain(PASSWORD);
  });

  it("importId adopts a phone created out of band and sets the declared extension and password", async () => {
    const id = await h.seed("sipphone", { username: "100", password: "old-password", extension: 7 });
    await h.clearRequests();
    const result = await lc().create(checked(lc(), { ...ARGS, importId: id }));
    expect(result).toEqual({ id, outs: { ...OUTS, importId: id } });
    expect(await h.objects("sipphone")).toEqual([
      { username: "246_100", extension: 100, email_address: null },
    ]);
    const counts = await h.counts();
    expect(counts["POST /v1/sipphone"]).toBeUndefined();
    expect(counts["PUT /v1/sipphone/:id"]).toBe(1);
  });

  it("importId with another username is refused: usernames cannot be renamed", async () => {
    const id = await h.seed("sipphone", { username: "100" });
    const err = await rejectionOf(lc().create(checked(lc(), { ...ARGS, username: "101", importId: id })));
    expect(err.message).toContain("cannot be adopted because username differ");
    expect(err.message).not.toContain(PASSWORD);
    expect(await h.objects("sipphone")).toHaveLength(1);
  });
});
