import { describe, expect, it } from 'vitest';
import { hasErrorCode } from '@lakehouse/runtime';
import { cidrContains, cidrsOverlap, parseCidr } from './cidr.js';
import type { EnvironmentConfig } from './environment-config.js';
import { resolveEnvironment } from './index.js';
import { findPlaceholders } from './placeholders.js';
import { POC } from './poc.js';
import { PROD } from './prod.js';
import { assertValidEnvironment, validateEnvironment } from './validate-environment.js';

describe('validateEnvironment', () => {
  it('accepts the committed poc and prod environments', () => {
    expect(validateEnvironment(POC)).toEqual([]);
    expect(validateEnvironment(PROD)).toEqual([]);
  });

  it('names every problem of a bad config at once', () => {
    const bad: EnvironmentConfig = {
      ...POC,
      region: 'Frankfurt',
      compartmentOcid: 'ocid1.bucket.oc1..nope',
      network: {
        ...POC.network,
        appSubnetCidr: '10.20.0.128/25',
        dbSubnetCidr: '192.168.0.0/24',
        vcnDnsLabel: 'Lake-POC',
      },
      database: {
        ...POC.database,
        adminUsername: 'root',
        heatWave: { ...POC.database.heatWave, nodeCount: 0 },
      },
      streaming: { ...POC.streaming, partitions: 0, retentionHours: 200 },
      functions: { ...POC.functions, memoryMb: 100 },
      api: { ...POC.api, privateIp: '10.99.0.10', alertEmails: ['planner@example.com', 'not-an-address'] },
      logging: { retentionDays: 45 },
    };
    const paths = validateEnvironment(bad).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'region',
        'compartmentOcid',
        'network.vcnDnsLabel',
        'network.appSubnetCidr',
        'network.dbSubnetCidr',
        'database.adminUsername',
        'database.heatWave.nodeCount',
        'streaming.partitions',
        'streaming.retentionHours',
        'functions.memoryMb',
        'api.privateIp',
        'api.alertEmails[1]',
        'logging.retentionDays',
      ]),
    );
    expect(paths).not.toContain('api.alertEmails[0]');
    expect(() => assertValidEnvironment(bad)).toThrow(/region: .*compartmentOcid: .*logging.retentionDays/s);
    try {
      assertValidEnvironment(bad);
    } catch (err: unknown) {
      expect(hasErrorCode(err, 'CONFIG_INVALID')).toBe(true);
    }
  });

  it('reports overlapping subnets and an API IP outside the app subnet', () => {
    const problems = validateEnvironment({
      ...POC,
      network: { ...POC.network, dbSubnetCidr: '10.20.1.128/25' },
      api: { ...POC.api, privateIp: '10.20.2.10' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'network.dbSubnetCidr', message: 'overlaps network.appSubnetCidr' },
        expect.objectContaining({ path: 'api.privateIp' }),
      ]),
    );
  });

  it('allows up to 512 HeatWave nodes only with Lakehouse', () => {
    const nodes = (count: number, isLakehouseEnabled: boolean): string[] =>
      validateEnvironment({
        ...POC,
        database: {
          ...POC.database,
          heatWave: { ...POC.database.heatWave, nodeCount: count, isLakehouseEnabled },
        },
      }).map((p) => p.path);
    expect(nodes(64, false)).toEqual([]);
    expect(nodes(65, false)).toEqual(['database.heatWave.nodeCount']);
    expect(nodes(512, true)).toEqual([]);
    expect(nodes(513, true)).toEqual(['database.heatWave.nodeCount']);
  });

  it('accepts only the path where the images hold the MySQL CA bundle as the CA file', () => {
    const caFile = (tlsCaFile: string): string[] =>
      validateEnvironment({ ...POC, database: { ...POC.database, tlsCaFile } }).map((p) => p.path);
    expect(caFile('/etc/lakehouse/certs/mysql-ca.pem')).toEqual([]);
    expect(caFile('/etc/ssl/certs/oracle-ca.pem')).toEqual(['database.tlsCaFile']);
  });

  it('requires delete protection in prod', () => {
    expect(
      validateEnvironment({ ...PROD, database: { ...PROD.database, isDeleteProtected: false } }),
    ).toEqual([{ path: 'database.isDeleteProtected', message: 'must be true in prod' }]);
  });
});

describe('cidr helpers', () => {
  it('parse blocks, refuse host bits and compare blocks', () => {
    const vcn = parseCidr('10.0.0.0/16')!;
    expect(parseCidr('10.0.0.1/16')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('300.0.0.0/8')).toBeUndefined();
    expect(cidrContains(vcn, parseCidr('10.0.5.0/24')!)).toBe(true);
    expect(cidrContains(vcn, parseCidr('10.1.0.0/24')!)).toBe(false);
    expect(cidrsOverlap(parseCidr('10.0.0.0/24')!, parseCidr('10.0.0.128/25')!)).toBe(true);
    expect(cidrsOverlap(parseCidr('10.0.0.0/25')!, parseCidr('10.0.0.128/25')!)).toBe(false);
  });
});

describe('resolveEnvironment', () => {
  it('applies tenancy overrides and the OCIR namespace, leaving sizing alone', () => {
    const env = resolveEnvironment('poc', {
      region: 'us-ashburn-1',
      tenancyOcid: 'ocid1.tenancy.oc1..aaaa',
      compartmentOcid: 'ocid1.compartment.oc1..bbbb',
      tenancyName: 'acme',
      ocirNamespace: 'acme',
      apiImageUrl: 'iad.ocir.io/acme/api:1.2.3',
    });
    expect(env.region).toBe('us-ashburn-1');
    expect(env.functions.ingestImageUrl).toBe('fra.ocir.io/acme/lakehouse/ingest-fn:0.1.0');
    expect(env.api.imageUrl).toBe('iad.ocir.io/acme/api:1.2.3');
    expect(env.database).toBe(POC.database);
    expect(findPlaceholders(env)).toEqual([]);
  });

  it('leaves the committed placeholders visible so that deploy can refuse them', () => {
    expect(findPlaceholders(resolveEnvironment('poc')).sort()).toEqual([
      'api.imageUrl',
      'bootstrap.imageUrl',
      'compartmentOcid',
      'functions.ingestImageUrl',
      'producer.imageUrl',
      'tenancyName',
      'tenancyOcid',
    ]);
  });
});
