import { adminToken, call, createLibrary } from './helpers/smh-client.js';
import { dirUrl } from './helpers/entry-client.js';
import { startServer } from './helpers/start-server.js';

const server = await startServer();
const lib = await createLibrary(server);
const token = await adminToken(server, lib);
const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => call(server, 'PUT', dirUrl(lib, `p/q/d${i}`, token))));
console.log(rs.map((r) => r.status + (r.body ? r.body.code : '')));
const rr = await Promise.all(Array.from({ length: 5 }, () => call(server, 'PUT', dirUrl(lib, `same`, token, { conflict_resolution_strategy: 'rename' }))));
console.log(rr.map((r) => r.status + JSON.stringify(r.body)));
await server.close();
