// Preloaded into every Node process of a soak run (`node --require <run dir>/heap-probe.cjs`): V8's heap is only
// visible from inside a process, and the apps expose none of it. Once a second it rewrites
// `<its own folder>/heap/<pid>.json` with the process's memory. The output folder is where this copy of the file
// lives, because the connector runner passes the function instances only an allow-list of variables (MYSQL_*,
// INGEST_*, ...) and NODE_OPTIONS, so an environment variable would not reach them.
// `heapFloorBytes` is the lowest heapUsed of the last `windowSec` seconds (from probe.json beside this file): the
// live heap plus whatever old garbage no GC has collected yet, the closest to "retained" without --expose-gc; a
// single reading of heapUsed mostly measures how long ago the last scavenge ran.
'use strict';
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const outDir = join(__dirname, 'heap');
const windowSec = Number(JSON.parse(readFileSync(join(__dirname, 'probe.json'), 'utf8')).windowSec);
const file = join(outDir, `${process.pid}.json`);
const recent = [];
mkdirSync(outDir, { recursive: true });

function write() {
  const memory = process.memoryUsage();
  recent.push(memory.heapUsed);
  if (recent.length > windowSec) recent.shift();
  const sample = {
    pid: process.pid,
    argv: process.argv.slice(1),
    atMs: Date.now(),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    heapFloorBytes: Math.min(...recent),
  };
  try {
    // Written beside and renamed, so a reader never sees half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(sample));
    renameSync(`${file}.tmp`, file);
  } catch (err) {
    // The harness removes the run folder after its last sample, while a process may still be shutting down:
    // a probe must never be the reason an app fails, so it stops reporting instead.
    clearInterval(timer);
    if (err.code !== 'ENOENT') process.emitWarning(`heap probe stopped: ${err.message}`);
  }
}

const timer = setInterval(write, 1_000);
// The probe must not keep a process alive that would otherwise exit.
timer.unref();
write();
