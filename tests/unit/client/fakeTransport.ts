// An in-memory stand-in for Node's http.request, plugged into got through the client's `request`
// option: got runs its real hooks, retry logic and paginator, but no socket is ever opened.
import { PassThrough } from "node:stream";
import type { StringeeHttpOptions } from "../../../provider/client/http";

/** One request as the fake server saw it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, unknown>;
  json: unknown;
  /** A raw body (a greeting-file upload), when the request had one. */
  body?: Buffer;
}

/** What the fake server does: answer, or reset the connection after the request was sent. */
export type FakeReply =
  { status?: number; body: unknown; headers?: Record<string, string> } | { kind: "reset-after-send" };

/** A handler deciding each reply. */
export type FakeHandler = (req: FakeRequest, seq: number) => FakeReply;

/** Builds a `request` function for {@link StringeeHttpOptions} and the log of what it received. */
export function fakeTransport(handler: FakeHandler): {
  request: NonNullable<StringeeHttpOptions["request"]>;
  seen: FakeRequest[];
} {
  const seen: FakeRequest[] = [];
  const request = ((url: URL, options: Record<string, unknown>) => {
    const req: FakeRequest = {
      method: String(options["method"]),
      path: url.pathname,
      query: url.searchParams,
      headers: { ...(options["headers"] as Record<string, unknown>) },
      json: options["json"],
      ...(Buffer.isBuffer(options["body"]) ? { body: options["body"] } : {}),
    };
    seen.push(req);
    const reply = handler(req, seen.length);
    const res = new PassThrough() as PassThrough & Record<string, unknown>;
    if ("kind" in reply) {
      // got has the request written when it sees a response object; failing the body read then is
      // what a connection reset after sending looks like to it (ReadError, code ECONNRESET).
      res["statusCode"] = 200;
      res["statusMessage"] = "OK";
      res["headers"] = {};
      setImmediate(() => res.destroy(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })));
      return res;
    }
    res["statusCode"] = reply.status ?? 200;
    res["statusMessage"] = "";
    res["headers"] = { "content-type": "application/json", ...reply.headers };
    res.end(JSON.stringify(reply.body));
    return res;
  }) as unknown as NonNullable<StringeeHttpOptions["request"]>;
  return { request, seen };
}
