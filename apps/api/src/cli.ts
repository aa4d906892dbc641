import { defineCommand, defineGroup, runCli as runCommandLine, UsageError } from '@lakehouse/cli';
import { createLogger } from '@lakehouse/runtime';
import { createSqlPool } from '@lakehouse/sql';
import { Type } from '@sinclair/typebox';
import { buildApp } from './app.js';
import { apiKeyNameProblem, createApiKey, revokeApiKey } from './auth/api-keys.js';
import { parseScopes } from './auth/principal.js';
import { loadConfig } from './config.js';
import { explainOffload } from './read-model/analytic-queries.js';

type ApiCommand =
  | { readonly command: 'serve' | 'explain-heatwave' }
  | { readonly command: 'create-key'; readonly name: string; readonly scopes: string }
  | { readonly command: 'revoke-key'; readonly id: string };

/** The `api` command line: serve, create-key, revoke-key, explain-heatwave. */
export const API_COMMAND = defineGroup({
  name: 'api',
  summary: 'The lakehouse API and its maintenance commands.',
  isHelpWhenEmpty: true,
  subcommands: [
    defineCommand({
      name: 'serve',
      summary: 'start the API (same as src/main.ts)',
      build: (): ApiCommand => ({ command: 'serve' }),
    }),
    defineCommand({
      name: 'create-key',
      summary: 'create an API key; prints it once (only its sha256 is stored)',
      flags: {
        name: Type.String({ minLength: 1, placeholder: 'NAME', description: 'who the key is for' }),
        scopes: Type.String({
          default: 'read',
          placeholder: 'read|read,admin',
          description: 'granted scopes',
        }),
      },
      build: ({ flags }): ApiCommand => ({ command: 'create-key', ...flags }),
    }),
    defineCommand({
      name: 'revoke-key',
      summary: 'revoke a key (API processes drop it within API_KEY_REFRESH_MS)',
      flags: { id: Type.String({ minLength: 1, placeholder: 'KEY_ID', description: 'the key to revoke' }) },
      build: ({ flags }): ApiCommand => ({ command: 'revoke-key', id: flags.id }),
    }),
    defineCommand({
      name: 'explain-heatwave',
      summary: 'EXPLAIN the analytic queries; on HeatWave, fail unless each offloads to RAPID',
      build: (): ApiCommand => ({ command: 'explain-heatwave' }),
    }),
  ],
});

type Env = Readonly<Record<string, string | undefined>>;

async function run(command: ApiCommand, env: Env, out: (line: string) => void): Promise<number> {
  const scopes = command.command === 'create-key' ? [...parseScopes(command.scopes)] : [];
  if (command.command === 'create-key' && scopes.length === 0)
    throw new UsageError(`--scopes names no known scope: ${JSON.stringify(command.scopes)}`);
  const nameProblem = command.command === 'create-key' ? apiKeyNameProblem(command.name) : null;
  if (nameProblem !== null) throw new UsageError(`--name: ${nameProblem}`);
  const config = await loadConfig(env);
  if (command.command === 'serve') {
    const logger = createLogger({ name: 'api', level: config.logLevel });
    const app = await buildApp({ config, logger });
    await app.listen({ host: config.host, port: config.port });
    await new Promise<void>((resolve) => app.server.once('close', resolve));
    return 0;
  }
  const pool = await createSqlPool(config.sql);
  try {
    if (command.command === 'create-key') {
      const { keyId, key } = await createApiKey(pool, { name: command.name, scopes });
      out(JSON.stringify({ keyId, key, scopes, note: 'shown once: only its sha256 is stored' }));
      return 0;
    }
    if (command.command === 'revoke-key') {
      const revoked = await revokeApiKey(pool, command.id);
      out(JSON.stringify({ keyId: command.id, revoked }));
      return revoked ? 0 : 1;
    }
    const { serverKind, results } = await explainOffload(pool, Date.now());
    for (const r of results) out(JSON.stringify({ serverKind, ...r }));
    return serverKind === 'heatwave' && results.some((r) => !r.offloaded) ? 1 : 0;
  } finally {
    await pool.end();
  }
}

/**
 * Runs one command; returns the exit code (2 for a bad command line, with the usage on stderr). Output goes to
 * `out` (stdout) so the key can be piped; other errors propagate to the caller.
 */
export async function runCli(
  args: readonly string[],
  env: Env,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  return runCommandLine(API_COMMAND, args, (command) => run(command, env, out), {
    out,
    isThrowingFailures: true,
  });
}
