/**
 * A stand-in for the demo (tools/src/demo/cli.ts) for demo-stop.int.test.ts: the same stop handling
 * (DemoShutdown), the same child supervision (startService, runToEnd) and the same stop order (stopServices, then
 * the stack if this run started it), with tiny real child programs instead of the stack, the runner, the API and
 * a bulk load. Every child writes its pid to `<dir>/<role>.pid` so the test can check none is left.
 *   node --import tsx demo-stop-fixture.ts <dir> started|already-up
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runToEnd, startService, type DemoService } from './demo-processes.js';
import { DemoShutdown, stopServices } from './demo-shutdown.js';

const [dir = '', mode = ''] = process.argv.slice(2);
if (dir === '' || (mode !== 'started' && mode !== 'already-up')) {
  process.stderr.write('usage: demo-stop-fixture.ts <dir> started|already-up\n');
  process.exit(2);
}
const node = process.execPath;
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
const options = (role: string) => ({ cwd: dir, env, logFile: join(dir, `${role}.log`) });
/** A program that records its pid (and, with `withChild`, that of a child it starts in its group) and idles. */
const idler = (role: string, withChild = false): string[] => [
  '-e',
  `const fs = require('node:fs');
   fs.writeFileSync(${JSON.stringify(join(dir, `${role}.pid`))}, String(process.pid));
   ${withChild ? `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' }); fs.writeFileSync(${JSON.stringify(join(dir, `${role}-child.pid`))}, String(c.pid));` : ''}
   setInterval(() => {}, 1e6);`,
];

const shutdown = new DemoShutdown({ hasStartedStack: () => mode === 'started' }).install();
const { say } = shutdown;
const services: DemoService[] = [];
if (mode === 'started') {
  // `stack up`: a command that leaves a daemon running in a session of its own, as the local stack's cli does.
  await runToEnd(
    'stack',
    node,
    [
      '-e',
      `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { detached: true, stdio: 'ignore' });
     require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'stack.pid'))}, String(c.pid)); c.unref();`,
    ],
    options('stack'),
  );
}
for (const role of ['producer', 'runner', 'api'])
  services.push(startService(role, node, idler(role, true), options(role)));
// A one-shot step that is still running when the stop comes (a bulk load, the model training).
const step = runToEnd('step', node, idler('step', true), {
  ...options('step'),
  signal: shutdown.signal,
}).catch((err: unknown) => appendFileSync(join(dir, 'events.log'), `step: ${String(err)}\n`));
// The status screen: a line every 20 ms until a stop.
let tick = 0;
let isReady = false;
while (!shutdown.signal.aborted) {
  if (!isReady) {
    const roles = ['producer', 'runner', 'api', 'step'].flatMap((r) => [r, `${r}-child`]);
    isReady = roles.every((r) => {
      try {
        return readFileSync(join(dir, `${r}.pid`), 'utf8') !== '';
      } catch {
        return false;
      }
    });
    if (isReady) say('ready');
  }
  say(`status ${String(tick++)}`);
  await sleep(20);
}
await step;
await stopServices(services, shutdown);
const plan = shutdown.plan;
if (plan?.stopStack === true) {
  // `stack down`: not cancelled by the stop; it is what the stop asks for.
  const stackPid = readFileSync(join(dir, 'stack.pid'), 'utf8');
  await runToEnd('stack-down', node, ['-e', `process.kill(${stackPid}, 'SIGTERM')`], options('stack-down'));
}
shutdown.uninstall();
say('stopped');
writeFileSync(join(dir, 'result.json'), JSON.stringify({ plan }));
process.exit(plan?.exitCode ?? 0);
