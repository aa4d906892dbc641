/**
 * The ceiling of the benchmark: a bare Fastify route on the same machine and Node, with nothing of the API's
 * plugins, auth or validation. Reports its port over IPC and exits with its parent.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send?.({
  event: 'listening',
  port: typeof address === 'object' && address !== null ? address.port : null,
});
process.once('disconnect', () => void app.close().then(() => process.exit(0)));
