// Runs an app against the local stack: `npm run local -- producer --rate 2000` or `npm run local -- connector`.
// The stack's settings (.local/stack.json) become the app's environment; extra environment variables pass through.
import { localAppEnv, readStackSettings, spawnLocalApp, stackDir, type LocalApp } from '@lakehouse/testing';

const APPS: Readonly<Record<string, LocalApp>> = { producer: 'producer', connector: 'connector-runner' };
const [name, ...args] = process.argv.slice(2);
const app = name === undefined ? undefined : APPS[name];
if (app === undefined) {
  process.stderr.write(
    'Usage: npm run local -- producer [producer options] | connector\n  Start the stack first: npm run stack -- up\n',
  );
  process.exit(2);
}
const settings = readStackSettings(stackDir(process.env));
const env = { ...process.env, ...localAppEnv(settings, settings.mariadb, process.env) } as Record<
  string,
  string
>;
const child = spawnLocalApp(app, args, env, 'inherit');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 130)));
