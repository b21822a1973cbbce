// Injected faults for resilience tests: rules matched on method and path that make the emulator
// answer an error status, reset the connection, hang, or apply the request and drop the answer.
// Pure logic; the server acts on the decision.

/** What a matching rule does to a request. */
export type FaultKind = "status" | "reset" | "hang" | "drop-response";

/** HTTP statuses a "status" fault may answer with. */
export const FAULT_STATUSES = [429, 500, 502, 503] as const;

/** A fault rule as posted to `POST /__emulator/faults`. */
export interface FaultRuleInput {
  method?: string;
  /** Regular expression source, tested against the request pathname. */
  path?: string;
  kind: FaultKind;
  status?: number;
  /** Seconds, sent as Retry-After (429 always gets one; defaults to 1). */
  retryAfter?: number;
  /** How many requests the rule applies to; default 1, or unlimited for probability rules. */
  count?: number;
  /** Chance (0..1) that each matching request is hit. */
  probability?: number;
}

/** A registered rule with its id and remaining uses. */
export interface FaultRule {
  id: string;
  method?: string;
  path?: string;
  kind: FaultKind;
  status?: number;
  retryAfter?: number;
  probability?: number;
  /** Uses left; null means unlimited. */
  remaining: number | null;
}

/** What to do with one request, when a rule fires. */
export interface FaultDecision {
  ruleId: string;
  kind: FaultKind;
  status?: number;
  retryAfter?: number;
}

const KINDS: readonly FaultKind[] = ["status", "reset", "hang", "drop-response"];

/** Checks a posted rule; returns an error message or the normalised rule (without id). */
export function parseFaultRule(
  input: unknown,
): { ok: true; rule: Omit<FaultRule, "id"> } | { ok: false; error: string } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, error: "body must be a JSON object" };
  }
  const body = input as Record<string, unknown>;
  const kind = body.kind;
  if (typeof kind !== "string" || !KINDS.includes(kind as FaultKind)) {
    return { ok: false, error: `kind must be one of ${KINDS.join(", ")}` };
  }
  const rule: Omit<FaultRule, "id"> = { kind: kind as FaultKind, remaining: 1 };
  if (body.method !== undefined && body.method !== null) {
    if (typeof body.method !== "string" || !/^[A-Za-z]+$/.test(body.method)) {
      return { ok: false, error: "method must be an HTTP method name" };
    }
    rule.method = body.method.toUpperCase();
  }
  if (body.path !== undefined && body.path !== null) {
    if (typeof body.path !== "string")
      return { ok: false, error: "path must be a regular expression source string" };
    try {
      new RegExp(body.path);
    } catch {
      return { ok: false, error: `path is not a valid regular expression: ${body.path}` };
    }
    rule.path = body.path;
  }
  if (rule.kind === "status") {
    if (!FAULT_STATUSES.includes(body.status as (typeof FAULT_STATUSES)[number])) {
      return { ok: false, error: `status must be one of ${FAULT_STATUSES.join(", ")} for kind "status"` };
    }
    rule.status = body.status as number;
  } else if (body.status !== undefined) {
    return { ok: false, error: 'status is only allowed with kind "status"' };
  }
  if (body.retryAfter !== undefined && body.retryAfter !== null) {
    if (typeof body.retryAfter !== "number" || !Number.isInteger(body.retryAfter) || body.retryAfter < 0) {
      return { ok: false, error: "retryAfter must be a non-negative integer (seconds)" };
    }
    rule.retryAfter = body.retryAfter;
  }
  if (body.probability !== undefined && body.probability !== null) {
    if (typeof body.probability !== "number" || body.probability < 0 || body.probability > 1) {
      return { ok: false, error: "probability must be a number between 0 and 1" };
    }
    rule.probability = body.probability;
    rule.remaining = null;
  }
  if (body.count !== undefined && body.count !== null) {
    if (typeof body.count !== "number" || !Number.isInteger(body.count) || body.count < 1) {
      return { ok: false, error: "count must be a positive integer" };
    }
    rule.remaining = body.count;
  }
  return { ok: true, rule };
}

/** The registered rules, consulted in creation order for every API request. */
export class FaultRegistry {
  private rules: FaultRule[] = [];
  private nextId = 1;

  /** Registers a parsed rule and returns its id. */
  add(rule: Omit<FaultRule, "id">): string {
    const id = `fault-${this.nextId++}`;
    this.rules.push({ ...rule, id });
    return id;
  }

  /** Removes one rule; false when unknown. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Copies of the live rules. */
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /**
   * Finds the first rule that matches and fires for this request, using one of its uses.
   * `random` returns a number in [0, 1) and decides probability rules.
   */
  decide(method: string, pathname: string, random: () => number = Math.random): FaultDecision | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (rule.path !== undefined && !new RegExp(rule.path).test(pathname)) continue;
      if (rule.probability !== undefined && !(random() < rule.probability)) continue;
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.remove(rule.id);
      }
      return { ruleId: rule.id, kind: rule.kind, status: rule.status, retryAfter: rule.retryAfter };
    }
    return undefined;
  }
}
