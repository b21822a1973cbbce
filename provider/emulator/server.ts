// The emulator's HTTP server: one node:http server on 127.0.0.1 serving both Stringee hosts
// (icc-api and api), with the /__emulator/ controls. Each API request goes through latency, the
// rate limit, injected faults, routing, token verification and finally the collection routes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { extractToken, verifyRestToken } from "./auth";
import { R } from "./codes";
import { handleControl } from "./control";
import type { Reading } from "./collections";
import { EmulatorState } from "./emulator";
import type { FaultDecision } from "./faults";
import { MAX_BODY_BYTES, normalizePath, readBody, sendJson, type RequestBody } from "./http";
import { RequestLog, routeKey, type LoggedRequest } from "./requestlog";
import { COLLECTION_PATHS, handleApi, isKnownRoute, uploadLimit, type ApiAnswer } from "./routes";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number;
  /** Only the loopback address is ever used. */
  host?: "127.0.0.1";
  /** SID of the API key whose tokens are accepted (the token's `iss`). */
  apiKeySid: string;
  /** Secret the tokens are signed with (HS256). */
  apiKeySecret: string;
  /** Project id shown in answers; default 246 as in the docs. */
  projectId?: number;
  /** Account id shown in lists; default 408 as in the docs. */
  accountId?: number;
  /** JSON file the account is loaded from at start and saved to after every write. */
  stateFile?: string;
  /** Receives one line per API request and lifecycle event; silent when absent. */
  log?: (line: string) => void;
  /** Entries the request log keeps before dropping the oldest (default 10 000). */
  requestLogCapacity?: number;
  /**
   * `strict` (default): the strictest answers the documents show; `lenient`: the richer reading (see
   * ASSUMPTIONS.md, "Readings").
   */
  reading?: Reading;
  /** IVR trees, nodes and keypresses get numeric ids, as in the keypress doc's second list sample. */
  numericIds?: boolean;
}

/** A started emulator. */
export interface RunningEmulator {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** Base URL standing for https://icc-api.stringee.com. */
  iccBaseUrl: string;
  /** Base URL standing for https://api.stringee.com (the same server). */
  apiBaseUrl: string;
  /** Stops listening, destroys open and hanging connections, saves the state file. */
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
const CONTROL_PREFIX = "/__emulator";

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  if (!options.apiKeySid || !options.apiKeySecret) throw new Error("apiKeySid and apiKeySecret are required");
  if (options.host !== undefined && options.host !== HOST)
    throw new Error(`the emulator only listens on ${HOST}`);
  const log = options.log ?? (() => undefined);
  const state = new EmulatorState({
    apiKeySid: options.apiKeySid,
    apiKeySecret: options.apiKeySecret,
    projectId: options.projectId ?? 246,
    accountId: options.accountId ?? 408,
    stateFile: options.stateFile,
    log,
    requestLogCapacity: options.requestLogCapacity,
    reading: options.reading ?? "strict",
    numericIds: options.numericIds ?? false,
  });
  const strict = state.store.reading === "strict";
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;
  state.serverLoad = () => ({ sockets: sockets.size, timers: timers.size });

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const record = (entry: LoggedRequest, key: string): void => {
    state.requests.add(entry, key);
    const fault = entry.fault ? ` fault=${entry.fault}` : "";
    log(`${entry.method} ${entry.path} -> ${entry.status ?? "no answer"} r=${entry.r ?? "-"}${fault}`);
  };

  const answerApi = (
    method: string,
    pathname: string,
    url: URL,
    req: IncomingMessage,
    body: RequestBody,
  ): ApiAnswer => {
    // An unknown route is reported as such even without a token: it is a client bug, not an auth problem.
    if (!isKnownRoute(pathname)) return handleApi(state.store, method, pathname, url.searchParams, body.text);
    const token = extractToken(req.headers["x-stringee-auth"], url.searchParams);
    const auth = verifyRestToken(token, state.apiKey, undefined, { requireCty: strict });
    if (!auth.ok) {
      state.auth.refuse(auth.reason);
      // The one public observation of a refusal: HTTP 403 `{"r":5,"message":"keySid invalid"}`, whatever the cause.
      if (strict)
        return { status: 403, body: { r: R.KEY_SID_INVALID, message: "keySid invalid" }, mutated: false };
      return { status: 401, body: { r: R.AUTH_FAILED, message: auth.message }, mutated: false };
    }
    state.auth.accept(token ?? "", auth.claims, Math.floor(Date.now() / 1000));
    const answer = handleApi(state.store, method, pathname, url.searchParams, body.text, body.bytes);
    if (answer.mutated) state.persist();
    return answer;
  };

  const applyFault = (
    fault: FaultDecision,
    entry: LoggedRequest,
    key: string,
    res: ServerResponse,
    run: () => ApiAnswer,
  ): void => {
    entry.fault = fault.kind;
    switch (fault.kind) {
      case "status": {
        const status = fault.status ?? 503;
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined || (status === 429 && !strict))
          headers["Retry-After"] = String(fault.retryAfter ?? 1);
        entry.status = status;
        entry.r = R.INJECTED_FAULT;
        record(entry, key);
        sendJson(res, status, { r: R.INJECTED_FAULT, message: `Injected fault: HTTP ${status}` }, headers);
        return;
      }
      case "reset":
        record(entry, key);
        res.socket?.resetAndDestroy();
        return;
      case "hang":
        // Never answered; close() destroys the socket.
        record(entry, key);
        return;
      case "drop-response": {
        run();
        record(entry, key);
        res.socket?.destroy();
        return;
      }
    }
  };

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", `http://${HOST}`);
    const pathname = normalizePath(url.pathname);
    // Uploads (greeting files) take bodies larger than any JSON body.
    const body = await readBody(req, uploadLimit(pathname) ?? MAX_BODY_BYTES);
    if (closing) return;

    if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      if (body.tooLarge) return sendJson(res, 413, { error: "request body too large" });
      let parts: string[];
      try {
        parts = pathname.slice(CONTROL_PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
      } catch {
        return sendJson(res, 400, { error: "malformed path" });
      }
      const answer = handleControl(state, method, parts, url.searchParams, body.text);
      return sendJson(res, answer.status, answer.body);
    }

    const entry: LoggedRequest = {
      seq: state.requests.nextSequence(),
      method,
      path: pathname,
      query: RequestLog.redactQuery(url.searchParams),
      status: null,
      r: null,
    };
    const key = routeKey(method, pathname, COLLECTION_PATHS);
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    if (closing) return;

    const rate = state.rateLimit.take(Date.now());
    if (!rate.allowed) {
      entry.status = 429;
      entry.r = R.RATE_LIMITED;
      entry.fault = "rate-limit";
      record(entry, key);
      // Stringee's rate-limit page does not mention Retry-After: only the lenient reading sends one.
      const headers: Record<string, string> = strict ? {} : { "Retry-After": String(rate.retryAfterSeconds) };
      return sendJson(res, 429, { r: R.RATE_LIMITED, message: "Too many requests" }, headers);
    }

    const run = (): ApiAnswer => {
      const answer: ApiAnswer = body.tooLarge
        ? { status: 413, body: { r: R.MALFORMED_BODY, message: "Request body too large" }, mutated: false }
        : answerApi(method, pathname, url, req, body);
      entry.status = answer.status;
      entry.r = typeof answer.body.r === "number" ? answer.body.r : null;
      return answer;
    };

    const fault = state.faults.decide(method, pathname);
    if (fault) return applyFault(fault, entry, key, res, run);

    const answer = run();
    record(entry, key);
    sendJson(res, answer.status, answer.body, answer.headers);
  };

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJson(res, 500, { r: R.INTERNAL_ERROR, message: "Emulator internal error" });
    });
  });
  server.on("connection", (socket: Socket) => {
    state.connectionsOpened++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A client that vanished mid-request must not crash the emulator.
  server.on("clientError", (_error, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("emulator did not get a TCP port");
  const url = `http://${HOST}:${address.port}`;
  log(`listening on ${url}`);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      state.persist();
    }).then(() => log("closed"));
    return closed;
  };

  return { port: address.port, url, iccBaseUrl: url, apiBaseUrl: url, close };
}
