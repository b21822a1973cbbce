// Small node:http helpers: bounded body reading, JSON parsing into an object, JSON answers.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A request body: its bytes, the same read as UTF-8, and whether it was over the limit (then cut). */
export interface RequestBody {
  bytes: Buffer;
  text: string;
  tooLarge: boolean;
}

/** Reads the whole request body; `tooLarge` when it exceeds `limit` (default {@link MAX_BODY_BYTES}). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining so the connection stays usable, but stop buffering.
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => {
      const bytes = Buffer.concat(chunks);
      resolve({ bytes, text: bytes.toString("utf8"), tooLarge });
    });
    req.on("error", reject);
  });
}

/** Parses a body that must be a JSON object; an empty body is an empty object. */
export function parseJsonObject(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (text.trim() === "") return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `Malformed JSON body: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: "Request body must be a JSON object" };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/** Answers with a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Pathname without trailing slashes ("/v1/number/" is "/v1/number"). */
export function normalizePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}
