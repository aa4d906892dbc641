import { parseArgs } from 'node:util';

/** Where the OCI credentials come from; every field is optional and falls back to the SDK's defaults. */
export type { OciTarget } from '@lakehouse/oci';
import type { OciTarget } from '@lakehouse/oci';

/** How long operations are followed. */
export interface FollowOptions {
  readonly pollMs: number;
  readonly timeoutMs: number;
}

interface OciCommandBase extends OciTarget {
  readonly dbSystemId: string;
  readonly follow: FollowOptions;
}

/** A parsed `npm run heatwave -- …` invocation. */
export type HeatWaveCommand =
  | (OciCommandBase & {
      readonly kind: 'add';
      readonly shapeName: string;
      readonly nodeCount: number;
      readonly isLakehouseEnabled: boolean;
    })
  | (OciCommandBase & { readonly kind: 'start' | 'stop' | 'delete' | 'estimate' })
  | (OciCommandBase & { readonly kind: 'restart'; readonly reload: boolean })
  | (OciCommandBase & { readonly kind: 'estimate-show'; readonly nodeMemoryMb?: number })
  | (OciCommandBase & {
      readonly kind: 'apply-estimate';
      readonly nodeMemoryMb?: number;
      readonly reload: boolean;
    })
  | (OciTarget & {
      readonly kind: 'status';
      readonly dbSystemId?: string;
      readonly follow: FollowOptions;
    })
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

/** Usage text printed for `help` and after a bad invocation. */
export const HEATWAVE_USAGE = [
  'usage: npm run heatwave -- <command> [options]',
  '',
  '  status [--db-system ID]      server kind, rapid_cluster_status and per-table load status (rpd_tables);',
  '                               with --db-system also the cluster as OCI reports it',
  '  add --db-system ID [--shape HeatWave.32GB] [--nodes 1] [--no-lakehouse]',
  '  start | stop --db-system ID',
  '  restart --db-system ID [--reload]   tables must be loaded again afterwards; --reload does it',
  '  delete --db-system ID        needs ALLOW_HEATWAVE_DELETE=1',
  '  estimate --db-system ID      generate a node-count memory estimate and show it',
  '  estimate-show --db-system ID [--node-memory-mb N]',
  '  apply-estimate --db-system ID [--node-memory-mb N] [--reload]   resize to the estimated node count',
  '',
  'OCI options: --config-file PATH (OCI_CONFIG_FILE, default ~/.oci/config), --profile NAME (OCI_CLI_PROFILE,',
  'default DEFAULT), --region ID (OCI_CLI_REGION, default the profile region); --db-system also from',
  'HEATWAVE_DB_SYSTEM_ID. Progress: --poll-seconds N (default 15), --timeout-minutes N (default 120).',
  'SQL (status, --reload): MYSQL_* variables (libs/sql README) when MYSQL_HOST is set, else the local stack.',
].join('\n');

const OPTIONS = {
  'db-system': { type: 'string' },
  shape: { type: 'string' },
  nodes: { type: 'string' },
  'no-lakehouse': { type: 'boolean' },
  reload: { type: 'boolean' },
  'node-memory-mb': { type: 'string' },
  'config-file': { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  'poll-seconds': { type: 'string' },
  'timeout-minutes': { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

const COMMON: readonly OptionName[] = [
  'db-system',
  'config-file',
  'profile',
  'region',
  'poll-seconds',
  'timeout-minutes',
];

/** The options each command accepts, on top of {@link COMMON}. */
const COMMAND_OPTIONS: Readonly<Record<string, readonly OptionName[]>> = {
  status: [],
  add: ['shape', 'nodes', 'no-lakehouse'],
  start: [],
  stop: [],
  restart: ['reload'],
  delete: [],
  estimate: [],
  'estimate-show': ['node-memory-mb'],
  'apply-estimate': ['node-memory-mb', 'reload'],
};

/** OCI's DB system OCID form: ocid1.mysqldbsystem.<realm>.<region>.<unique id>. */
const DB_SYSTEM_OCID = /^ocid1\.mysqldbsystem\.[a-z0-9]+\.[a-z0-9-]*\.[a-z0-9]+$/;
const REGION_ID = /^[a-z]+-[a-z]+-\d+$/;
const SHAPE_NAME = /^[A-Za-z0-9.]+$/;

function integerIn(name: string, raw: string, min: number, max: number, problems: string[]): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    problems.push(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return min;
  }
  return n;
}

/**
 * Parses the arguments after `--` (and the env fallbacks); never throws: bad input becomes `usage-error` naming
 * every problem at once.
 */
export function parseHeatWaveArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): HeatWaveCommand {
  const [command, ...rest] = argv;
  if (command === undefined) return { kind: 'usage-error', message: 'missing command' };
  if (command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  const allowed = COMMAND_OPTIONS[command];
  if (allowed === undefined) return { kind: 'usage-error', message: `unknown command: ${command}` };

  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; args: string[] }>>;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (err: unknown) {
    return { kind: 'usage-error', message: `${command}: ${(err as Error).message}` };
  }
  const values = parsed.values;
  const problems: string[] = [];
  const given = Object.keys(values) as OptionName[];
  for (const name of given)
    if (!COMMON.includes(name) && !allowed.includes(name))
      problems.push(`${command} does not take --${name}`);

  const dbSystemId = values['db-system'] ?? env['HEATWAVE_DB_SYSTEM_ID'];
  if (dbSystemId === undefined || dbSystemId === '') {
    if (command !== 'status') problems.push(`${command} needs --db-system <OCID> (or HEATWAVE_DB_SYSTEM_ID)`);
  } else if (!DB_SYSTEM_OCID.test(dbSystemId)) {
    problems.push(
      `--db-system must be a MySQL DB system OCID (ocid1.mysqldbsystem.…), got ${JSON.stringify(dbSystemId)}`,
    );
  }
  const region = values.region ?? env['OCI_CLI_REGION'];
  if (region !== undefined && !REGION_ID.test(region))
    problems.push(
      `--region must be a region identifier such as eu-frankfurt-1, got ${JSON.stringify(region)}`,
    );
  const follow: FollowOptions = {
    pollMs: integerIn('poll-seconds', values['poll-seconds'] ?? '15', 1, 600, problems) * 1000,
    timeoutMs: integerIn('timeout-minutes', values['timeout-minutes'] ?? '120', 1, 1440, problems) * 60_000,
  };
  const shapeName = values.shape ?? 'HeatWave.32GB';
  if (!SHAPE_NAME.test(shapeName)) problems.push(`--shape is not a shape name: ${JSON.stringify(shapeName)}`);
  const isLakehouseEnabled = values['no-lakehouse'] !== true;
  // Same bounds as infra's environment validation: 1–64 nodes, up to 512 with Lakehouse.
  const nodeCount = integerIn('nodes', values.nodes ?? '1', 1, isLakehouseEnabled ? 512 : 64, problems);
  const nodeMemoryMb =
    values['node-memory-mb'] === undefined
      ? undefined
      : integerIn('node-memory-mb', values['node-memory-mb'], 1024, 1024 * 1024, problems);
  if (command === 'delete' && env['ALLOW_HEATWAVE_DELETE'] !== '1')
    problems.push('delete removes the cluster and its loaded data: set ALLOW_HEATWAVE_DELETE=1 to confirm');
  if (problems.length > 0) return { kind: 'usage-error', message: problems.join('\n') };

  const configFile = values['config-file'] ?? env['OCI_CONFIG_FILE'];
  const profile = values.profile ?? env['OCI_CLI_PROFILE'];
  const target = {
    ...(configFile === undefined ? {} : { configFile }),
    ...(profile === undefined ? {} : { profile }),
    ...(region === undefined ? {} : { region }),
    follow,
  };
  const reload = values.reload === true;
  const memory = nodeMemoryMb === undefined ? {} : { nodeMemoryMb };
  if (command === 'status') return { kind: 'status', ...target, ...(dbSystemId ? { dbSystemId } : {}) };
  const base = { ...target, dbSystemId: dbSystemId as string };
  switch (command) {
    case 'add':
      return { kind: 'add', ...base, shapeName, nodeCount, isLakehouseEnabled };
    case 'restart':
      return { kind: 'restart', ...base, reload };
    case 'estimate-show':
      return { kind: 'estimate-show', ...base, ...memory };
    case 'apply-estimate':
      return { kind: 'apply-estimate', ...base, ...memory, reload };
    default:
      return { kind: command as 'start' | 'stop' | 'delete' | 'estimate', ...base };
  }
}
