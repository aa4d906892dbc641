import { createLogger } from '@lakehouse/runtime';
import { createSqlPool } from '@lakehouse/sql';
import { buildApp } from './app.js';
import { createApiKey, revokeApiKey } from './auth/api-keys.js';
import { parseScopes } from './auth/principal.js';
import { loadConfig } from './config.js';
import { explainOffload } from './read-model/analytic-queries.js';

export const USAGE = `usage: api <command>
  serve                              start the API (same as src/main.ts)
  create-key --name NAME [--scopes read|read,admin]
                                     create an API key; prints it once (only its sha256 is stored)
  revoke-key --id KEY_ID             revoke a key (API processes drop it within API_KEY_REFRESH_MS)
  explain-heatwave                   EXPLAIN the analytic queries; on HeatWave, fail unless each offloads to RAPID`;

type Env = Readonly<Record<string, string | undefined>>;

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

/** Runs one command; returns the exit code. Output goes to `out` (stdout) so the key can be piped. */
export async function runCli(
  args: readonly string[],
  env: Env,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const [command, ...rest] = args;
  const config = await loadConfig(env);
  if (command === 'serve') {
    const logger = createLogger({ name: 'api', level: config.logLevel });
    const app = await buildApp({ config, logger });
    await app.listen({ host: config.host, port: config.port });
    await new Promise<void>((resolve) => app.server.once('close', resolve));
    return 0;
  }
  if (command !== 'create-key' && command !== 'revoke-key' && command !== 'explain-heatwave') {
    out(USAGE);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  const pool = await createSqlPool(config.sql);
  try {
    if (command === 'create-key') {
      const name = flag(rest, '--name');
      const scopes = [...parseScopes(flag(rest, '--scopes') ?? 'read')];
      if (name === undefined || scopes.length === 0) {
        out(USAGE);
        return 2;
      }
      const { keyId, key } = await createApiKey(pool, { name, scopes });
      out(JSON.stringify({ keyId, key, scopes, note: 'shown once: only its sha256 is stored' }));
      return 0;
    }
    if (command === 'revoke-key') {
      const id = flag(rest, '--id');
      if (id === undefined) {
        out(USAGE);
        return 2;
      }
      const revoked = await revokeApiKey(pool, id);
      out(JSON.stringify({ keyId: id, revoked }));
      return revoked ? 0 : 1;
    }
    const { serverKind, results } = await explainOffload(pool, Date.now());
    for (const r of results) out(JSON.stringify({ serverKind, ...r }));
    return serverKind === 'heatwave' && results.some((r) => !r.offloaded) ? 1 : 0;
  } finally {
    await pool.end();
  }
}
