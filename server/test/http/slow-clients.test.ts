import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminToken, createLibrary, initiateUpload, type Library, makeDirectory, confirmUpload } from '../helpers/smh-client.js';
import { startServer, type TestServer } from '../helpers/start-server.js';

/** Opens a raw TCP connection to the test server. */
async function open(server: TestServer): Promise<Socket> {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** Everything the server sends until it closes the connection. */
function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text));
  });
}

/** Status code and parsed JSON body of a raw HTTP/1.1 answer. */
function parse(raw: string): { status: number; body: any } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return { status, body: body ? JSON.parse(body) : undefined };
}

/** Writes `data` one piece at a time with a pause between pieces, stopping if the peer closes. */
async function trickle(socket: Socket, pieces: readonly (string | Buffer)[], gapMs: number): Promise<void> {
  for (const piece of pieces) {
    if (socket.destroyed || !socket.writable) {
      return;
    }
    socket.write(piece);
    await sleep(gapMs);
  }
}

/** Issue 10 item 2: header, body-idle and request timeouts; per-address limit; parser errors as SMH JSON. */
describe('slow and malformed clients (raw sockets)', () => {
  let server: TestServer;
  let library: Library;
  let token: string;
  before(async () => {
    server = await startServer({
      OPENSMH_HEADER_TIMEOUT_SECONDS: '1',
      OPENSMH_IDLE_TIMEOUT_SECONDS: '1',
      OPENSMH_REQUEST_TIMEOUT_SECONDS: '2',
      OPENSMH_MAX_CONNECTIONS_PER_CLIENT: '0',
    });
    library = await createLibrary(server);
    token = await adminToken(server, library);
    await makeDirectory(server, library, token, 'up');
  });
  after(async () => {
    await server.close();
  });

  it('headers sent one byte at a time get 408 RequestTimeout and the connection closes', async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    const head = 'GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200);
    void trickle(socket, [...head], 100);
    const { status, body } = parse(await answer);
    assert.equal(status, 408);
    assert.equal(body.code, 'RequestTimeout');
    assert.equal(typeof body.requestId, 'string');
  });

  it('a body that never arrives (Content-Length 1,000,000, 3 bytes sent) gets 408 and the connection closes', async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    socket.write(`POST /api/v1/batch/${library.libraryId}/-?delete&access_token=${token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n[{"`);
    const { status, body } = parse(await answer);
    assert.equal(status, 408);
    assert.equal(body.code, 'RequestTimeout');
  });

  it('a JSON body that keeps trickling in past the request timeout gets 408', async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    const json = JSON.stringify([{ path: 'a'.repeat(100) }]);
    socket.write(`POST /api/v1/batch/${library.libraryId}/-?delete&access_token=${token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n`);
    // each byte well inside the idle timeout, the whole far beyond the request timeout
    void trickle(socket, [...json], 200);
    const { status, body } = parse(await answer);
    assert.equal(status, 408);
    assert.equal(body.code, 'RequestTimeout');
  });

  it('a big upload sent slowly but steadily (longer than the request timeout) still succeeds', async () => {
    const init = await initiateUpload(server, library, token, 'up/slow.bin');
    assert.equal(init.status, 201, JSON.stringify(init.body));
    const chunk = Buffer.alloc(64 * 1024, 7);
    const chunks = 30;
    const socket = await open(server);
    const answer = readAll(socket);
    const headers = Object.entries(init.body.headers as Record<string, string>).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.write(`PUT ${init.body.path} HTTP/1.1\r\nHost: ${init.body.domain}\r\n${headers}Content-Length: ${chunk.length * chunks}\r\nConnection: close\r\n\r\n`);
    // 30 chunks 150 ms apart: about 4.5 s in all against a 2 s request and 1 s idle timeout
    await trickle(socket, Array.from({ length: chunks }, () => chunk), 150);
    const raw = await answer;
    assert.match(raw, /^HTTP\/1\.1 200/, raw.slice(0, 300));
    const confirmed = await confirmUpload(server, library, token, init.body.confirmKey);
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.size, String(chunk.length * chunks));
  });
});

describe('parser errors and the per-address connection limit', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ OPENSMH_MAX_CONNECTIONS_PER_CLIENT: '3' });
  });
  after(async () => {
    await server.close();
  });

  it('headers over the size limit get 431 RequestHeaderFieldsTooLarge in SMH JSON', async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    socket.write(`GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(40_000)}\r\n\r\n`);
    const { status, body } = parse(await answer);
    assert.equal(status, 431);
    assert.equal(body.code, 'RequestHeaderFieldsTooLarge');
  });

  it('a malformed request line gets 400 BadRequest in SMH JSON', async () => {
    const socket = await open(server);
    const answer = readAll(socket);
    socket.write('THIS IS NOT HTTP\r\n\r\n');
    const { status, body } = parse(await answer);
    assert.equal(status, 400);
    assert.equal(body.code, 'BadRequest');
    assert.match(body.requestId, /^[0-9a-f]+$/);
  });

  it('a fourth connection from one address gets 429 TooManyConnections; the others still work', async () => {
    const held = await Promise.all([open(server), open(server), open(server)]);
    const extra = await open(server);
    const { status, body } = parse(await readAll(extra));
    assert.equal(status, 429);
    assert.equal(body.code, 'TooManyConnections');
    const first = held[0] as Socket;
    const answer = readAll(first);
    first.write('GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(parse(await answer).status, 404);
    for (const socket of held) {
      socket.destroy();
    }
  });
});
