import { detectServer, migrate } from '@lakehouse/sql';
import type { Run } from '../demo-context.js';
import type { DemoStep } from '../demo-runner.js';

/** The schema's migrations; says which server it is and whether HeatWave is there. */
export const migrateSchema: DemoStep<Run> = {
  title: (run) => `migrate schema ${run.database}`,
  run: async ({ pool, say }) => {
    const server = await detectServer(pool);
    const result = await migrate(pool);
    say(
      `    ${server.version} (${server.kind}; HeatWave ${server.hasRapid ? 'present' : 'not present: RAPID and Lakehouse statements are skipped'}); ${String(result.applied.length)} migrations applied, ${String(result.alreadyApplied)} already there`,
    );
  },
};
