/**
 * `npm run db -- migrate|status|down|ddl`: schema migrations against the local stack's database, or against any
 * MySQL/HeatWave given by MYSQL_* variables (see libs/sql/README.md) when MYSQL_HOST is set.
 * `down` undoes every migration and needs ALLOW_SQL_DOWN=1.
 */
import {
  createTableSql,
  createSqlPool,
  loadSqlConfig,
  migrate,
  migrateDown,
  migrationStatus,
  TABLES,
} from '@lakehouse/sql';
import { localStackEnv } from '@lakehouse/local-stack';

const USAGE = 'usage: npm run db -- migrate | status | down | ddl';

async function main(command: string | undefined): Promise<number> {
  if (command === 'ddl') {
    for (const table of TABLES) process.stdout.write(`${createTableSql(table)};\n\n`);
    return 0;
  }
  if (command !== 'migrate' && command !== 'status' && command !== 'down') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // MYSQL_* of the environment when MYSQL_HOST is set, else the local stack's (its stack.env).
  const config = loadSqlConfig(localStackEnv(process.env));
  const pool = await createSqlPool(config);
  try {
    const target = `${config.user}@${config.host}:${config.port}/${config.database}`;
    if (command === 'migrate') {
      const result = await migrate(pool);
      for (const m of result.applied)
        console.log(`applied ${String(m.id).padStart(4, '0')} ${m.name} (${m.durationMs} ms)`);
      console.log(`${target}: ${result.applied.length} applied, ${result.alreadyApplied} already there`);
    } else if (command === 'status') {
      for (const m of await migrationStatus(pool))
        console.log(`${String(m.id).padStart(4, '0')} ${m.name}: ${m.applied ? 'applied' : 'pending'}`);
    } else {
      const undone = await migrateDown(pool, 0, { allowDestructive: process.env['ALLOW_SQL_DOWN'] === '1' });
      console.log(`${target}: undid migrations ${undone.join(', ') || '(none)'}`);
    }
    return 0;
  } finally {
    await pool.end();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`db: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
