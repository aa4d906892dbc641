import { defineCommand, defineGroup, UsageError, type LeafCommand } from '@lakehouse/cli';
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';

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
    });

/** OCI's DB system OCID form: ocid1.mysqldbsystem.<realm>.<region>.<unique id>. */
const DB_SYSTEM_OCID = '^ocid1\\.mysqldbsystem\\.[a-z0-9]+\\.[a-z0-9-]*\\.[a-z0-9]+$';

/** The flags every command takes: the cluster, the OCI credentials and how long operations are followed. */
const COMMON_FLAGS = {
  'db-system': Type.Optional(
    Type.String({
      pattern: DB_SYSTEM_OCID,
      env: 'HEATWAVE_DB_SYSTEM_ID',
      placeholder: 'ID',
      expected: 'a MySQL DB system OCID (ocid1.mysqldbsystem.…)',
      description: 'the MySQL DB system',
    }),
  ),
  'config-file': Type.Optional(
    Type.String({
      env: 'OCI_CONFIG_FILE',
      placeholder: 'PATH',
      description: 'OCI config (default ~/.oci/config)',
    }),
  ),
  profile: Type.Optional(
    Type.String({
      env: 'OCI_CLI_PROFILE',
      placeholder: 'NAME',
      description: 'OCI profile (default DEFAULT)',
    }),
  ),
  region: Type.Optional(
    Type.String({
      pattern: '^[a-z]+-[a-z]+-\\d+$',
      env: 'OCI_CLI_REGION',
      placeholder: 'ID',
      expected: 'a region identifier such as eu-frankfurt-1',
      description: 'region (default the profile region)',
    }),
  ),
  'poll-seconds': Type.Integer({
    minimum: 1,
    maximum: 600,
    default: 15,
    description: 'progress poll interval',
  }),
  'timeout-minutes': Type.Integer({
    minimum: 1,
    maximum: 1440,
    default: 120,
    description: 'how long an operation is followed',
  }),
};

type CommonFlags = Static<TObject<typeof COMMON_FLAGS>>;

function target(flags: CommonFlags): OciTarget & { readonly follow: FollowOptions } {
  return {
    ...(flags['config-file'] === undefined ? {} : { configFile: flags['config-file'] }),
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    follow: { pollMs: flags['poll-seconds'] * 1000, timeoutMs: flags['timeout-minutes'] * 60_000 },
  };
}

const reload = Type.Boolean({ default: false, description: 'load the tables again afterwards' });
const nodeMemoryMb = Type.Optional(
  Type.Integer({ minimum: 1024, maximum: 1024 * 1024, description: 'memory per node of the estimate' }),
);

/** A command on one cluster: `--db-system` (or HEATWAVE_DB_SYSTEM_ID) is required. */
function clusterCommand<F extends TProperties>(
  name: Exclude<HeatWaveCommand['kind'], 'status'>,
  summary: string,
  flags: F,
  build: (base: OciCommandBase, flags: Static<TObject<F>>) => HeatWaveCommand = (base) =>
    ({ kind: name, ...base }) as HeatWaveCommand,
): LeafCommand<HeatWaveCommand> {
  return defineCommand({
    name,
    summary,
    flags: { ...COMMON_FLAGS, ...flags },
    build: ({ flags: given }) => {
      const common = given as unknown as CommonFlags;
      const dbSystemId = common['db-system'];
      if (dbSystemId === undefined)
        throw new UsageError(`${name} needs --db-system <OCID> (or HEATWAVE_DB_SYSTEM_ID)`);
      return build({ ...target(common), dbSystemId }, given as unknown as Static<TObject<F>>);
    },
  });
}

/**
 * The `npm run heatwave --` command line. `env` is where the flags' fallbacks come from and what confirms a
 * delete (ALLOW_HEATWAVE_DELETE=1).
 */
export function heatwaveCommand(env: Readonly<Record<string, string | undefined>>) {
  return defineGroup({
    name: 'heatwave',
    invocation: 'npm run heatwave --',
    summary: 'HeatWave cluster operations over the OCI SDK, and the SQL status of a HeatWave server.',
    details: [
      'SQL (status, --reload): MYSQL_* variables (libs/sql README) when MYSQL_HOST is set, else the local stack.',
      'See tools/README.md.',
    ].join('\n'),
    subcommands: [
      defineCommand({
        name: 'status',
        summary:
          'server kind, rapid_cluster_status and per-table load status (rpd_tables); with --db-system also the\ncluster as OCI reports it',
        flags: COMMON_FLAGS,
        build: ({ flags }): HeatWaveCommand => ({
          kind: 'status',
          ...target(flags),
          ...(flags['db-system'] === undefined ? {} : { dbSystemId: flags['db-system'] }),
        }),
      }),
      clusterCommand(
        'add',
        'add a HeatWave cluster',
        {
          shape: Type.String({
            pattern: '^[A-Za-z0-9.]+$',
            default: 'HeatWave.32GB',
            expected: 'a shape name',
          }),
          // Same bounds as infra's environment validation: 1–64 nodes, up to 512 with Lakehouse.
          nodes: Type.Integer({
            minimum: 1,
            maximum: 512,
            default: 1,
            description: 'nodes (at most 64 without Lakehouse)',
          }),
          'no-lakehouse': Type.Boolean({ default: false, description: 'without HeatWave Lakehouse' }),
        },
        (base, flags) => {
          const nodeCount = flags.nodes;
          const isLakehouseEnabled = !flags['no-lakehouse'];
          if (!isLakehouseEnabled && nodeCount > 64)
            throw new UsageError(
              `--nodes must be an integer from 1 to 64, got ${JSON.stringify(String(nodeCount))}`,
            );
          return { kind: 'add', ...base, shapeName: flags.shape, nodeCount, isLakehouseEnabled };
        },
      ),
      clusterCommand('start', 'start the cluster', {}),
      clusterCommand('stop', 'stop the cluster', {}),
      clusterCommand(
        'restart',
        'restart the cluster; tables must be loaded again afterwards, --reload does it',
        { reload },
        (base, flags) => ({ kind: 'restart', ...base, reload: flags.reload }),
      ),
      clusterCommand('delete', 'delete the cluster; needs ALLOW_HEATWAVE_DELETE=1', {}, (base) => {
        if (env['ALLOW_HEATWAVE_DELETE'] !== '1')
          throw new UsageError(
            'delete removes the cluster and its loaded data: set ALLOW_HEATWAVE_DELETE=1 to confirm',
          );
        return { kind: 'delete', ...base };
      }),
      clusterCommand('estimate', 'generate a node-count memory estimate and show it', {}),
      clusterCommand(
        'estimate-show',
        'show the last memory estimate',
        { 'node-memory-mb': nodeMemoryMb },
        (base, flags) => ({
          kind: 'estimate-show',
          ...base,
          ...(flags['node-memory-mb'] === undefined ? {} : { nodeMemoryMb: flags['node-memory-mb'] }),
        }),
      ),
      clusterCommand(
        'apply-estimate',
        'resize to the estimated node count',
        { 'node-memory-mb': nodeMemoryMb, reload },
        (base, flags) => ({
          kind: 'apply-estimate',
          ...base,
          ...(flags['node-memory-mb'] === undefined ? {} : { nodeMemoryMb: flags['node-memory-mb'] }),
          reload: flags.reload,
        }),
      ),
    ],
  });
}
