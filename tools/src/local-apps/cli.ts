// Runs an app against the local stack: `npm run local -- producer --rate 2000` or `npm run local -- connector`,
// as `npx nx run producer:start` does: the stack's stack.env (written by `npm run stack -- up`) is added to the
// environment, where a variable already set wins (localStackEnv of @lakehouse/local-stack).
import { localStackEnv, spawnLocalApp, type LocalApp } from '@lakehouse/local-stack';

const APPS: Readonly<Record<string, LocalApp>> = { producer: 'producer', connector: 'connector-runner' };
const [name, ...args] = process.argv.slice(2);
const app = name === undefined ? undefined : APPS[name];
if (app === undefined) {
  process.stderr.write(
    'Usage: npm run local -- producer [producer options] | connector\n  Start the stack first: npm run stack -- up\n',
  );
  process.exit(2);
}
const env = Object.fromEntries(
  Object.entries(localStackEnv(process.env)).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  ),
);
const child = spawnLocalApp(app, args, env, 'inherit');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 130)));
