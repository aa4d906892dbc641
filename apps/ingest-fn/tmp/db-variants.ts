import { readFileSync } from 'node:fs';
import { createFleet, createLiveStream } from '@lakehouse/domain';
import { createSqlPool, insertNewReadings, migrate, type ReadingToStore } from '@lakehouse/sql';
import { createThrowawaySchema, readStackSettings, stackDir } from '@lakehouse/testing';
import { execSync } from 'node:child_process';
const settings = readStackSettings(stackDir(process.env));
const pid = execSync(`pgrep -f "mariadbd.*${stackDir(process.env)}"`).toString().trim().split('\n')[0];
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const fleet = createFleet({ seed: 7, assets: 100, sites: 3, linesPerSite: 2 });
const stream = createLiveStream({ seed: 7, fleet, startMs: Date.now() - 3_600_000, intervalMs: 10 });
const N = 200_000, B = 800;
const items: ReadingToStore[] = Array.from({ length: N }, (_, i) => ({ reading: stream.next().value, source: 'stream', streamPartition: i % 6, streamOffset: i }));
for (const variant of ['as-is', 'no-recorded-at-index', 'no-checks', 'as-is']) {
  const schema = await createThrowawaySchema(settings, 'dbv');
  const pool = await createSqlPool({ ...schema, tlsMode: 'disabled', poolSize: 1, connectTimeoutMs: 5000 });
  await migrate(pool);
  if (variant === 'no-recorded-at-index') await pool.query('ALTER TABLE readings DROP INDEX readings_recorded_at');
  if (variant === 'no-checks') { const [cs] = await pool.query<any[]>("SELECT CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME='readings' AND CONSTRAINT_TYPE='CHECK'"); for (const c of cs) await pool.query(`ALTER TABLE readings DROP CONSTRAINT ${c.CONSTRAINT_NAME}`); }
  const c0 = cpu(); const t0 = performance.now();
  for (let i = 0; i < N; i += B) { const conn = await pool.getConnection(); await conn.beginTransaction(); await insertNewReadings(conn, items.slice(i, i + B)); await conn.commit(); conn.release(); }
  const ms = cpu() - c0;
  console.log(variant, 'db cpu us/row', (ms * 1000 / N).toFixed(2), 'wall rows/s', Math.round(N / ((performance.now() - t0) / 1000)));
  await pool.end(); await schema.drop();
}
