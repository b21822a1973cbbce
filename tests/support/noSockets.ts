// Loaded before every unit test file (jest.config.js): unit tests open no sockets (DEVELOPERS.md), so a
// TCP connect or listen fails the test that tried instead of quietly reaching a server.
import net from "node:net";

function refuse(what: string): never {
  throw new Error(
    `unit tests open no sockets (${what}): answer requests in-process (tests/unit/client/fakeTransport.ts, ` +
      "tests/unit/resources/emulatedClient.ts) or move the test to tests/integration",
  );
}

// Node's core modules are shared by every test file a jest worker runs, unit or not: the guard is put back
// after each unit file, or the integration files that follow in the same worker could not open sockets.
const { connect, listen } = { connect: net.Socket.prototype.connect, listen: net.Server.prototype.listen };
beforeAll(() => {
  net.Socket.prototype.connect = function guardedConnect() {
    return refuse("net.Socket.connect");
  } as typeof net.Socket.prototype.connect;
  net.Server.prototype.listen = function guardedListen() {
    return refuse("net.Server.listen");
  } as typeof net.Server.prototype.listen;
});
afterAll(() => {
  net.Socket.prototype.connect = connect;
  net.Server.prototype.listen = listen;
});
