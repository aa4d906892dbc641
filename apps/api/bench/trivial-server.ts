/**
 * The ceiling of the benchmark: a bare Fastify route on the same machine and Node, with nothing of the API's
 * plugins, auth or validation. Reports its port over IPC and exits with its parent.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
// The same for a JSON POST: body parsing is part of any POST's cost, so /predict is also compared with this.
app.post('/', async (request) => ({ received: request.body !== undefined }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({
  event: 'listening',
  port: typeof address === 'object' && address !== null ? address.port : null,
});
process.once('disconnect', () => void app.close().then(() => process.exit(0)));
