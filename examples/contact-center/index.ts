// Example contact center, declared as one program: two numbers, a two-level IVR (main menu -> sales menu),
// two queues routed to three agent groups, six agents in those groups, two desk SIP phones, the hold music and
// the sales menu's recorded prompt (audio files in audio/), two blocked callers and the project's call settings.
// Objects refer to each other through outputs, never through pasted ids, so one preview shows the whole contact
// center and Pulumi orders creates and deletes.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as stringee from "stringee-pulumi";

const cfg = new pulumi.Config();

// Where Stringee sends call events and asks for a caller's details: one CallSettings per project.
new stringee.CallSettings("call-settings", {
  eventUrl: "https://contact-center.example.com/stringee/events",
  getCustomerInfoUrl: "https://contact-center.example.com/stringee/customer-info",
  getCustomerInfoTimeout: 1500,
});

// Audio kept in this repository, uploaded to Stringee; queues and IVR nodes play it by the name Stringee gives
// the upload (fileName). New audio in a file uploads it again and switches them to the new upload.
const holdMusic = new stringee.GreetingFile("hold-music", {
  file: path.join(__dirname, "audio", "hold-music.wav"),
  description: "Hold music",
});
const salesPrompt = new stringee.GreetingFile("sales-menu-prompt", {
  file: path.join(__dirname, "audio", "sales-menu.wav"),
  description: "Sales menu: press 1 to talk to our sales team",
});

// Callers Stringee refuses: everywhere, or only in the IVR.
new stringee.BlacklistNumber("spam-caller", { number: "84379361752" });
new stringee.BlacklistNumber("prank-caller", { number: "84912000000", queueBlocked: false });

// Queues.
const salesQueue = new stringee.Queue("sales", {
  name: "Sales",
  recordCalls: true,
  waitAgentAnswerTimeout: 20,
  holdGreeting: holdMusic.fileName,
});
const supportQueue = new stringee.Queue("support", {
  name: "Support",
  recordCalls: true,
  fromNumberCalloutToAgent: "84986225113",
  holdGreeting: holdMusic.fileName,
});

// IVR: the main menu is the tree's first node (its root); the sales menu is reached with key 1.
const ivr = new stringee.IvrTree("main-ivr", { treeName: "Main IVR" });
const mainMenu = new stringee.IvrNode("main-menu", {
  tree: ivr.stringeeId,
  nodeName: "Main menu",
  nodePlayMode: "talk",
  nodePlayContent: "Welcome. Press 1 for sales, 2 for support, 0 for a supervisor.",
  keypressTimeout: 8,
});
const salesMenu = new stringee.IvrNode(
  "sales-menu",
  {
    tree: ivr.stringeeId,
    nodeName: "Sales menu",
    nodePlayMode: "play",
    nodePlayContent: salesPrompt.fileName,
  },
  // Created after the main menu so the main menu becomes the tree's root.
  { dependsOn: [mainMenu] },
);

// Main menu keys: 1 = sales submenu, 2 = support queue, 0 = supervisor's phone, no key = hang up.
new stringee.IvrKeypress("main-1-sales-menu", {
  node: mainMenu.stringeeId,
  nodeKey: "1",
  action: "nextNode",
  nextNode: salesMenu.stringeeId,
});
new stringee.IvrKeypress("main-2-support", {
  node: mainMenu.stringeeId,
  nodeKey: "2",
  action: "routeToQueue",
  queueId: supportQueue.stringeeId,
});
new stringee.IvrKeypress("main-0-supervisor", {
  node: mainMenu.stringeeId,
  nodeKey: "0",
  action: "forwardToPhone",
  toPhoneNumber: "84912345678",
  fromNumberCalloutToAgent: "84986225112",
});
new stringee.IvrKeypress("main-timeout", {
  node: mainMenu.stringeeId,
  nodeKey: "EMPTY_KEY",
  action: "stopCall",
});
// Sales menu keys: 1 = sales queue, any other key = back to the main menu.
new stringee.IvrKeypress("sales-1-queue", {
  node: salesMenu.stringeeId,
  nodeKey: "1",
  action: "routeToQueue",
  queueId: salesQueue.stringeeId,
});
new stringee.IvrKeypress("sales-invalid-back", {
  node: salesMenu.stringeeId,
  nodeKey: "INVALID_KEY",
  action: "nextNode",
  nextNode: mainMenu.stringeeId,
});

// Numbers: the hotline opens the IVR; the support line goes straight to the support queue.
const hotline = new stringee.Number("hotline", {
  number: "84986225112",
  nickname: "Hotline",
  allowOutboundCalls: true,
  enableIvr: true,
  ivrMenu: ivr.stringeeId,
});
const supportLine = new stringee.Number("support-line", {
  number: "84986225113",
  nickname: "Support direct line",
  allowOutboundCalls: false,
  enableIvr: false,
  queueId: supportQueue.stringeeId,
  recordOutboundCalls: true,
});

// Agents and the groups they work in; queues ring groups, the primary group first.
const agents = {
  sales1: new stringee.Agent("sales-1", { name: "Sales 1", stringeeUserId: "sales_1", routingType: 1 }),
  sales2: new stringee.Agent("sales-2", {
    name: "Sales 2",
    stringeeUserId: "sales_2",
    manualStatus: "AVAILABLE",
  }),
  sales3: new stringee.Agent("sales-3", { name: "Sales 3", stringeeUserId: "sales_3" }),
  support1: new stringee.Agent("support-1", {
    name: "Support 1",
    stringeeUserId: "support_1",
    routingType: 2,
    phoneNumber: "84911111111",
  }),
  support2: new stringee.Agent("support-2", { name: "Support 2", stringeeUserId: "support_2" }),
  supervisor: new stringee.Agent("supervisor-1", { name: "Supervisor", stringeeUserId: "supervisor_1" }),
};

const groups = {
  sales: new stringee.Group("sales-team", { name: "Sales team" }),
  support: new stringee.Group("support-team", { name: "Support team" }),
  supervisors: new stringee.Group("supervisors", { name: "Supervisors" }),
};

// Membership resources are named after the agent, so moving an agent to another group replaces one membership.
const membership: [string, stringee.Agent, stringee.Group][] = [
  ["sales-1", agents.sales1, groups.sales],
  ["sales-2", agents.sales2, groups.sales],
  ["sales-3", agents.sales3, groups.sales],
  ["support-1", agents.support1, groups.support],
  ["support-2", agents.support2, groups.support],
  ["supervisor-1", agents.supervisor, groups.supervisors],
];
for (const [name, agent, group] of membership) {
  new stringee.GroupMember(`${name}-membership`, { group: group.stringeeId, agent: agent.stringeeId });
}

new stringee.QueueGroupRouting("sales-to-sales-team", {
  queueId: salesQueue.stringeeId,
  groupId: groups.sales.stringeeId,
  primaryGroup: true,
});
new stringee.QueueGroupRouting("sales-to-supervisors", {
  queueId: salesQueue.stringeeId,
  groupId: groups.supervisors.stringeeId,
});
new stringee.QueueGroupRouting("support-to-support-team", {
  queueId: supportQueue.stringeeId,
  groupId: groups.support.stringeeId,
  primaryGroup: true,
});
new stringee.QueueGroupRouting("support-to-supervisors", {
  queueId: supportQueue.stringeeId,
  groupId: groups.supervisors.stringeeId,
});

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
export const ivrTree = ivr.stringeeId;
export const ivrRootNode = mainMenu.isRootNode;
export const queues = { sales: salesQueue.stringeeId, support: supportQueue.stringeeId };
export const agentIds = Object.values(agents).map((a) => a.stringeeId);
export const groupIds = Object.values(groups).map((g) => g.stringeeId);
export const sipRegistrations = desks.map((d) => d.sipUsername);
export const greetingFiles = { holdMusic: holdMusic.fileName, salesMenu: salesPrompt.fileName };
