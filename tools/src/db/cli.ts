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
import { defineCommand, defineGroup, runCli } from '@lakehouse/cli';
import { localStackEnv } from '@lakehouse/local-stack';

type DbCommand = 'migrate' | 'status' | 'down' | 'ddl';

const command = (name: DbCommand, summary: string) =>
  defineCommand({ name, summary, build: (): DbCommand => name });

const DB_COMMAND = defineGroup({
  name: 'db',
  invocation: 'npm run db --',
  summary:
    'Schema migrations against the local stack, or the MySQL/HeatWave named by MYSQL_* when MYSQL_HOST is set.',
  subcommands: [
    command('migrate', 'apply every pending migration'),
    command('status', 'list the migrations, applied or pending'),
    command('down', 'undo every migration; needs ALLOW_SQL_DOWN=1'),
    command('ddl', 'print the CREATE TABLE statements of libs/sql'),
  ],
});

async function main(command: DbCommand): Promise<number> {
  if (command === 'ddl') {
    for (const table of TABLES) process.stdout.write(`${createTableSql(table)};\n\n`);
    return 0;
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

process.exit(await runCli(DB_COMMAND, process.argv.slice(2), main));
