import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import type { EnvironmentConfig } from '../environments/environment-config.js';
import { POC } from '../environments/poc.js';
import { PROD } from '../environments/prod.js';
import type { TerraformJson } from '../synthesize.js';
import { onlyBlockOf } from '../testing/synth-environment.js';
import { DatabaseStack } from './database-stack.js';

const ocid = (kind: string): string => `ocid1.${kind}.oc1.eu-frankfurt-1.aaaa`;

/** The database stack of `env`, synthesized on its own. */
function synthDatabase(env: EnvironmentConfig): TerraformJson {
  const stack = new DatabaseStack(Testing.app(), 'database', {
    env,
    availabilityDomain: 'Uocm:EU-FRANKFURT-1-AD-1',
    dbSubnetId: ocid('subnet'),
    dbSubnetDomainName: 'db.lake.oraclevcn.com',
    dbNsgId: ocid('networksecuritygroup'),
    adminSecretId: ocid('vaultsecret'),
  });
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** What the plan would do with the configuration data source: the chosen id and the postconditions. */
function selection(json: TerraformJson): {
  configurationId: string;
  conditions: string[];
  messages: string[];
} {
  const source = onlyBlockOf(json, 'oci_mysql_mysql_configurations', 'data');
  const postconditions = (
    source['lifecycle'] as { postcondition: { condition: string; error_message: string }[] }
  ).postcondition;
  return {
    configurationId: String(onlyBlockOf(json, 'oci_mysql_mysql_db_system')['configuration_id']),
    conditions: postconditions.map((p) => p.condition),
    messages: postconditions.map((p) => p.error_message),
  };
}

/**
 * Applies the name filter of a synthesized `[for c in ... : ... if <filter>]` to configuration names, in order.
 * Understands only the filters the stack writes (`endswith(c.display_name, "...")`, maybe negated), so a new
 * filter form fails here instead of passing unread.
 */
function namesPassing(expression: string, names: readonly string[]): string[] {
  const filter = / if (!?)endswith\(c\.display_name, "([^"]+)"\)\]/.exec(expression);
  if (filter === null) {
    if (/ if /.test(expression)) throw new Error(`unknown filter in ${expression}`);
    return [...names];
  }
  const [, negated, suffix] = filter;
  return names.filter((n) => n.endsWith(suffix!) !== (negated === '!'));
}

// Default configurations as OCI might list them for one shape: the standalone one first.
const DEFAULTS = ['MySQL.8.Standalone', 'MySQL.8.HA', 'MySQL.8.HeatWave.Standalone'];

describe('database stack: MySQL configuration', () => {
  const poc = selection(synthDatabase(POC));
  const prod = selection(synthDatabase(PROD));

  it('gives the highly available prod DB system the .HA default configuration, found by name, not position', () => {
    expect(PROD.database.isHighlyAvailable).toBe(true);
    expect(prod.configurationId).toBe(
      '${element([for c in data.oci_mysql_mysql_configurations.mysql_configuration.configurations : c.id if endswith(c.display_name, ".HA")], 0)}',
    );
    expect(namesPassing(prod.configurationId, DEFAULTS)[0]).toBe('MySQL.8.HA');
  });

  it('gives the standalone poc DB system a default configuration without the .HA suffix', () => {
    expect(POC.database.isHighlyAvailable).toBe(false);
    expect(poc.configurationId).toBe(
      '${element([for c in data.oci_mysql_mysql_configurations.mysql_configuration.configurations : c.id if !endswith(c.display_name, ".HA")], 0)}',
    );
    expect(namesPassing(poc.configurationId, ['MySQL.2.HA', 'MySQL.2.Standalone'])).toEqual([
      'MySQL.2.Standalone',
    ]);
  });

  it('fails the plan unless a configuration of the right kind exists and requires TLS, checking the one it uses', () => {
    for (const { configurationId, conditions, messages } of [poc, prod]) {
      const filter = / if [^\]]+\]/.exec(configurationId)![0];
      expect(conditions).toHaveLength(2);
      expect(conditions[0]).toBe(`length([for c in self.configurations : c${filter}) > 0`);
      expect(conditions[1]).toBe(
        `try(element([for c in self.configurations : c${filter}, 0).variables[0].require_secure_transport == true, false)`,
      );
      expect(messages[1]).toMatch(/require_secure_transport = ON/);
    }
    expect(prod.messages[0]).toBe(
      'No MySQL configuration found: the DB system needs a DEFAULT configuration for MySQL.8 whose name ends in .HA (highly available DB system).',
    );
    expect(poc.messages[0]).toMatch(/whose name does not end in \.HA \(standalone DB system\)\.$/);
  });

  it('takes a CUSTOM configuration by its display name alone', () => {
    const custom = selection(
      synthDatabase({
        ...PROD,
        database: { ...PROD.database, configurationType: 'CUSTOM', configurationDisplayName: 'lake-ha-tls' },
      }),
    );
    expect(custom.configurationId).toBe(
      '${element([for c in data.oci_mysql_mysql_configurations.mysql_configuration.configurations : c.id], 0)}',
    );
    expect(custom.conditions[0]).toBe('length([for c in self.configurations : c]) > 0');
    expect(namesPassing(custom.configurationId, ['lake-ha-tls'])).toEqual(['lake-ha-tls']);
  });
});
