import { redactionSafe } from '@lakehouse/contracts';
import { describe, expect, it } from 'vitest';
import { parseRehearsalParameters } from './rehearsal-parameters.js';

const parameters = {
  raw_path: 'buckets/raw',
  rejects_path: '/data/rejects/',
  silver_path: '/data/silver',
  jdbc_connection: 'jdbc:mysql://127.0.0.1:13306/app?sslMode=DISABLED',
  jdbc_driver: 'com.mysql.cj.jdbc.Driver',
  jdbc_user: 'app',
  jdbc_credential: redactionSafe('ocid1.vaultsecret.oc1.eu-frankfurt-1.app'),
};

describe('the parameters of a rehearsal run', () => {
  it("takes exactly the application's parameters, with local folders resolved", () => {
    expect(parseRehearsalParameters(JSON.stringify(parameters), 'p.json', '/work')).toEqual({
      ...parameters,
      raw_path: '/work/buckets/raw',
      rejects_path: '/data/rejects',
    });
  });

  it('names every problem: unknown and missing names, oci:// folders, a password as credential', () => {
    const rest: Record<string, string> = { ...parameters };
    delete rest['jdbc_user'];
    const bad = {
      ...rest,
      raw_path: 'oci://raw@ns/',
      jdbc_pass: 'x',
      jdbc_credential: 'hunter2',
      silver_path: 3,
    };
    let message = '';
    try {
      parseRehearsalParameters(JSON.stringify(bad), 'p.json', '/work');
    } catch (err: unknown) {
      message = err instanceof Error ? err.message : '';
    }
    expect(message).toMatch(/silver_path must be a string/);
    expect(message).toMatch(/jdbc_pass is not a parameter/);
    expect(message).toMatch(/jdbc_user has no value/);
    expect(message).toMatch(/jdbc_credential must be a Vault secret OCID/);
    expect(message).toMatch(/raw_path is an oci:\/\/ URI/);
    expect(() => parseRehearsalParameters('[1]', 'p.json')).toThrow(/JSON object/);
    expect(() => parseRehearsalParameters('{', 'p.json')).toThrow(/not JSON/);
  });
});
