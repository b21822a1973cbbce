// The number the Number lifecycle tests declare, in each of its forms, and the account it routes into.
import { emulatedStringee, type EmulatedStringee, type EmulatedStringeeOptions } from "./emulatedClient";

/** The arguments a program declares. */
export const NUMBER_ARGS: Record<string, unknown> = {
  number: "84986225112",
  nickname: "Hotline",
  allowOutboundCalls: true,
  enableIvr: false,
  queueId: "QU_SALES",
};

/** The canonical inputs check makes of them (recordOutboundCalls left out: not managed). */
export const NUMBER_INPUTS = { ...NUMBER_ARGS };

/** The inputs as the API lists them (booleans 0/1). */
export const NUMBER_WIRE = {
  number: "84986225112",
  nickname: "Hotline",
  allow_outbound_calls: 1,
  enable_ivr: 0,
  queue_id: "QU_SALES",
  record_outbound_calls: 0,
};

/** An account holding the queue (QU_SALES) and the IVR tree (TR_MAIN) numbers route to. */
export function numberAccount(options: EmulatedStringeeOptions = {}): EmulatedStringee {
  const emu = emulatedStringee(options);
  emu.seed("queue", { id: "QU_SALES", name: "Sales" });
  emu.seed("ivrtree", { id: "TR_MAIN", tree_name: "Main menu" });
  return emu;
}

/** The number NU_EXISTING, made out of band with `extra` wire fields. */
export function seedNumber(emu: EmulatedStringee, extra: Record<string, unknown> = {}): string {
  return emu.seed("number", { id: "NU_EXISTING", ...NUMBER_WIRE, ...extra });
}
