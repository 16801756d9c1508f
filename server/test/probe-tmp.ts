import { adminToken, call, createLibrary, uploadFile } from './helpers/smh-client.js';
import { dirUrl, childNames } from './helpers/entry-client.js';
import { startServer } from './helpers/start-server.js';

const server = await startServer();
const lib = await createLibrary(server);
const token = await adminToken(server, lib);
await call(server, 'PUT', dirUrl(lib, `p/q`, token));
const r = await uploadFile(server, lib, token, 'p/q', 'x');
console.log(r.status, r.body);
console.log(await childNames(server, lib, token, 'p'));
await server.close();
