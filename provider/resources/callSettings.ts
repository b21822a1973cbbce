// stringee.CallSettings: the Pulumi resource class. What it manages, how (HTTP calls, create and delete of a
// project-wide object) and how its inputs are checked: provider/kinds/callSettings.ts.
import {
  callSettingsDefinition,
  type CallSettingsInputs,
  type CallSettingsOutputs,
} from "../kinds/callSettings";
import { resourceClass, type ArgsOf, type OutputsOf } from "./base";

// ---- Args (what users write) ----

/** Arguments of the {@link CallSettings}: the settings to manage (see CallSettingsInputs), each may be an output. */
export type CallSettingsArgs = ArgsOf<CallSettingsInputs>;

// ---- the resource class ----

/**
 * The Stringee project's call settings: one per project, so one per program. `up` adopts them and sets the
 * declared settings; `destroy` puts those back to Stringee's defaults (URLs NULL, timeout 2000 ms). Settings
 * left out are not managed. Import: `importId: "callsettings"`; read-only lookup with
 * `CallSettings.get(name, "callsettings")`.
 */
export class CallSettings extends resourceClass<CallSettingsArgs>(callSettingsDefinition) {}

// Pulumi sets these properties from the provider's outputs; the interface types them (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from OutputsOf
export interface CallSettings extends OutputsOf<CallSettingsOutputs> {}
