import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '@lakehouse/cli';
import { heatwaveCommand, type HeatWaveCommand } from './parse-heatwave-args.js';

type Parsed =
  HeatWaveCommand | { readonly kind: 'help' } | { readonly kind: 'usage-error'; readonly message: string };

/** The command line as the CLI sees it: a command, the help, or the usage error's problems. */
function parseHeatWaveArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Parsed {
  try {
    const parsed = parseCommand(heatwaveCommand(env), argv, { env });
    return parsed.kind === 'help' ? { kind: 'help' } : parsed.value;
  } catch (err: unknown) {
    if (err instanceof UsageError) return { kind: 'usage-error', message: err.message };
    throw err;
  }
}

const db = 'ocid1.mysqldbsystem.oc1.eu-frankfurt-1.aaaabbbb';
const follow = { pollMs: 15_000, timeoutMs: 7_200_000 };

function usageError(result: Parsed): string {
  if (result.kind !== 'usage-error') throw new Error(`expected a usage error, got ${result.kind}`);
  return result.message;
}

describe('parseHeatWaveArgs', () => {
  it('parses add with sizing, defaults and OCI target options', () => {
    expect(
      parseHeatWaveArgs(
        [
          'add',
          '--db-system',
          db,
          '--nodes',
          '3',
          '--shape',
          'HeatWave.512GB',
          '--profile',
          'ops',
          '--region',
          'us-ashburn-1',
        ],
        {},
      ),
    ).toEqual({
      kind: 'add',
      dbSystemId: db,
      shapeName: 'HeatWave.512GB',
      nodeCount: 3,
      isLakehouseEnabled: true,
      profile: 'ops',
      region: 'us-ashburn-1',
      follow,
    });
    expect(parseHeatWaveArgs(['add', '--db-system', db, '--no-lakehouse'], {})).toMatchObject({
      shapeName: 'HeatWave.32GB',
      nodeCount: 1,
      isLakehouseEnabled: false,
    });
  });

  it('takes the DB system, config file, profile and region from the environment when no flag is given', () => {
    const env = {
      HEATWAVE_DB_SYSTEM_ID: db,
      OCI_CONFIG_FILE: '/etc/oci/config',
      OCI_CLI_PROFILE: 'ci',
      OCI_CLI_REGION: 'eu-frankfurt-1',
    };
    expect(parseHeatWaveArgs(['stop', '--poll-seconds', '5', '--timeout-minutes', '30'], env)).toEqual({
      kind: 'stop',
      dbSystemId: db,
      configFile: '/etc/oci/config',
      profile: 'ci',
      region: 'eu-frankfurt-1',
      follow: { pollMs: 5_000, timeoutMs: 1_800_000 },
    });
  });

  it('parses restart/apply-estimate --reload, estimate-show --node-memory-mb and status without a DB system', () => {
    expect(parseHeatWaveArgs(['restart', '--db-system', db, '--reload'], {})).toEqual({
      kind: 'restart',
      dbSystemId: db,
      reload: true,
      follow,
    });
    expect(parseHeatWaveArgs(['apply-estimate', '--db-system', db, '--node-memory-mb', '30000'], {})).toEqual(
      {
        kind: 'apply-estimate',
        dbSystemId: db,
        nodeMemoryMb: 30_000,
        reload: false,
        follow,
      },
    );
    expect(parseHeatWaveArgs(['estimate-show', '--db-system', db], {})).toEqual({
      kind: 'estimate-show',
      dbSystemId: db,
      follow,
    });
    expect(parseHeatWaveArgs(['status'], {})).toEqual({ kind: 'status', follow });
    expect(parseHeatWaveArgs(['--help'], {})).toEqual({ kind: 'help' });
  });

  it('names every problem of a bad invocation at once', () => {
    const message = usageError(
      parseHeatWaveArgs(
        ['add', '--db-system', 'ocid1.instance.oc1..x', '--nodes', '2.5', '--region', 'Frankfurt'],
        {},
      ),
    );
    expect(message).toMatch(/--db-system must be a MySQL DB system OCID/);
    expect(message).toMatch(/--nodes must be an integer from 1 to 512, got "2.5"/);
    expect(message).toMatch(/--region must be a region identifier/);
  });

  it('rejects unknown commands and options, options of another command and a missing DB system', () => {
    expect(usageError(parseHeatWaveArgs([], {}))).toBe('missing command');
    expect(usageError(parseHeatWaveArgs(['resize'], {}))).toBe('unknown command: resize');
    expect(usageError(parseHeatWaveArgs(['start', '--db-system', db, '--force'], {}))).toMatch(
      /Unknown option '--force'/,
    );
    expect(usageError(parseHeatWaveArgs(['start', '--db-system', db, '--reload'], {}))).toBe(
      'start does not take --reload',
    );
    expect(usageError(parseHeatWaveArgs(['estimate'], {}))).toBe(
      'estimate needs --db-system <OCID> (or HEATWAVE_DB_SYSTEM_ID)',
    );
  });

  it('caps nodes at 64 without Lakehouse and bounds poll and node memory', () => {
    expect(
      usageError(parseHeatWaveArgs(['add', '--db-system', db, '--nodes', '65', '--no-lakehouse'], {})),
    ).toMatch(/from 1 to 64/);
    expect(usageError(parseHeatWaveArgs(['stop', '--db-system', db, '--poll-seconds', '0'], {}))).toMatch(
      /--poll-seconds must be an integer from 1 to 600/,
    );
    expect(
      usageError(parseHeatWaveArgs(['apply-estimate', '--db-system', db, '--node-memory-mb', 'lots'], {})),
    ).toMatch(/--node-memory-mb must be an integer/);
  });

  it('refuses delete unless ALLOW_HEATWAVE_DELETE=1', () => {
    expect(usageError(parseHeatWaveArgs(['delete', '--db-system', db], {}))).toMatch(
      /ALLOW_HEATWAVE_DELETE=1/,
    );
    expect(parseHeatWaveArgs(['delete', '--db-system', db], { ALLOW_HEATWAVE_DELETE: '1' })).toEqual({
      kind: 'delete',
      dbSystemId: db,
      follow,
    });
  });
});
