// Example contact center: two hotline numbers, an IVR menu whose keys route to queues, forward to a
// supervisor's phone, open a submenu or hang up, three agents and two desk SIP phones.
//
// IVR trees, nodes and queues are not resources yet, so their ids come from stack config (the demo script
// creates them in the emulator first); everything else is declared here and reconciled by `pulumi up`.
import * as pulumi from "@pulumi/pulumi";
import * as stringee from "stringee-pulumi";

const cfg = new pulumi.Config();
const ivrTree = cfg.require("ivrTreeId");
const mainMenu = cfg.require("mainMenuNodeId");
const salesMenu = cfg.require("salesMenuNodeId");
const salesQueue = cfg.require("salesQueueId");
const supportQueue = cfg.require("supportQueueId");

const hotline = new stringee.Number("hotline", {
  number: "84986225112",
  nickname: "Hotline",
  allowOutboundCalls: true,
  enableIvr: true,
  ivrMenu: ivrTree,
});

const supportLine = new stringee.Number("support-line", {
  number: "84986225113",
  nickname: "Support direct line",
  allowOutboundCalls: false,
  enableIvr: false,
  queueId: supportQueue,
  recordOutboundCalls: true,
});

// Main menu: 1 = sales submenu, 2 = support queue, 0 = supervisor's phone, no key = hang up.
new stringee.IvrKeypress("main-1-sales-menu", {
  node: mainMenu,
  nodeKey: "1",
  action: "nextNode",
  nextNode: salesMenu,
});
new stringee.IvrKeypress("main-2-support", {
  node: mainMenu,
  nodeKey: "2",
  action: "routeToQueue",
  queueId: supportQueue,
});
new stringee.IvrKeypress("main-0-supervisor", {
  node: mainMenu,
  nodeKey: "0",
  action: "forwardToPhone",
  toPhoneNumber: "84912345678",
  fromNumberCalloutToAgent: "84986225112",
});
new stringee.IvrKeypress("main-timeout", { node: mainMenu, nodeKey: "EMPTY_KEY", action: "stopCall" });
// Sales submenu: 1 = sales queue, any other key = back to the main menu.
new stringee.IvrKeypress("sales-1-queue", {
  node: salesMenu,
  nodeKey: "1",
  action: "routeToQueue",
  queueId: salesQueue,
});
new stringee.IvrKeypress("sales-invalid-back", {
  node: salesMenu,
  nodeKey: "INVALID_KEY",
  action: "nextNode",
  nextNode: mainMenu,
});

const agents = [
  new stringee.Agent("sales-1", { name: "Sales 1", stringeeUserId: "sales_1", routingType: 1 }),
  new stringee.Agent("sales-2", {
    name: "Sales 2",
    stringeeUserId: "sales_2",
    routingType: 1,
    manualStatus: "AVAILABLE",
  }),
  new stringee.Agent("support-1", {
    name: "Support 1",
    stringeeUserId: "support_1",
    routingType: 2,
    phoneNumber: "84911111111",
  }),
];

const desks = [
  new stringee.SipPhone("desk-100", {
    username: "100",
    password: cfg.requireSecret("deskPassword100"),
    extension: 100,
  }),
  new stringee.SipPhone("desk-101", {
    username: "101",
    password: cfg.requireSecret("deskPassword101"),
    extension: 101,
  }),
];

export const numbers = { hotline: hotline.stringeeId, supportLine: supportLine.stringeeId };
export const agentIds = agents.map((a) => a.stringeeId);
export const sipRegistrations = desks.map((d) => d.sipUsername);
