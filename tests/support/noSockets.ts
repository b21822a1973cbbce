// Loaded before every unit test file (jest.config.js): unit tests open no sockets (DEVELOPERS.md), so a
// TCP connect or listen fails the test that tried instead of quietly reaching a server.
import net from "node:net";

function refuse(what: string): never {
  throw new Error(
    `unit tests open no sockets (${what}): answer requests in-process (tests/unit/client/fakeTransport.ts, ` +
      "tests/unit/resources/emulatedClient.ts) or move the test to tests/integration",
  );
}

net.Socket.prototype.connect = function connect() {
  return refuse("net.Socket.connect");
} as typeof net.Socket.prototype.connect;
net.Server.prototype.listen = function listen() {
  return refuse("net.Server.listen");
} as typeof net.Server.prototype.listen;
