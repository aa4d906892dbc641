import { describe, expect, it } from 'vitest';
import { parsePolicyStatement, PolicyStatementError } from './policy-statement.js';

const C = 'ocid1.compartment.oc1..example';

describe('parsePolicyStatement', () => {
  it('reads a group, a verb, a resource type and the compartment OCID', () => {
    expect(
      parsePolicyStatement(`Allow group ops-team to use mysql-instances in compartment id ${C}`),
    ).toEqual({
      text: `Allow group ops-team to use mysql-instances in compartment id ${C}`,
      subject: { kind: 'group', name: 'ops-team' },
      grant: { kind: 'verb', verb: 'use', resourceType: 'mysql-instances' },
      compartmentId: C,
    });
  });

  it('reads a single test as an all-condition, with a Terraform reference as its value', () => {
    const s = parsePolicyStatement(
      `Allow service streaming to use keys in compartment id ${C} where target.key.id = '\${oci_kms_key.master_key.id}'`,
    );
    expect(s.subject).toEqual({ kind: 'service', names: ['streaming'] });
    expect(s.condition).toEqual({
      mode: 'all',
      clauses: [{ variable: 'target.key.id', value: '${oci_kms_key.master_key.id}' }],
    });
  });

  it('reads any-user, permission lists and grouped conditions', () => {
    const s = parsePolicyStatement(
      `allow any-user to {STREAM_READ, STREAM_CONSUME} in compartment id ${C} where all {request.principal.type = 'serviceconnector', target.stream.id='ocid1.stream.oc1..s'}`,
    );
    expect(s.subject).toEqual({ kind: 'any-user' });
    expect(s.grant).toEqual({ kind: 'permissions', permissions: ['STREAM_READ', 'STREAM_CONSUME'] });
    expect(s.condition?.clauses.map((c) => c.variable)).toEqual([
      'request.principal.type',
      'target.stream.id',
    ]);
    const any = parsePolicyStatement(
      `Allow dynamic-group dg to manage objects in compartment id ${C} where any {target.bucket.name = 'a', target.bucket.name = 'b'}`,
    );
    expect(any.condition).toMatchObject({ mode: 'any', clauses: [{ value: 'a' }, { value: 'b' }] });
    expect(
      parsePolicyStatement(
        `Allow service blockstorage, objectstorage-eu-frankfurt-1 to use keys in compartment id ${C}`,
      ).subject,
    ).toEqual({ kind: 'service', names: ['blockstorage', 'objectstorage-eu-frankfurt-1'] });
  });

  it.each([
    ['a tenancy-wide grant', 'Allow group g to manage all-resources in tenancy'],
    ['a compartment name instead of its OCID', 'Allow group g to read objects in compartment lake'],
    ['an unknown verb', `Allow group g to write objects in compartment id ${C}`],
    ['a retired resource type', `Allow group g to manage mysql-analytics in compartment id ${C}`],
    ['a misspelt resource type', `Allow group g to read secret-bundle in compartment id ${C}`],
    [
      'a negated test',
      `Allow group g to read objects in compartment id ${C} where target.bucket.name != 'x'`,
    ],
    [
      'an unquoted value',
      `Allow group g to read objects in compartment id ${C} where target.bucket.name = x`,
    ],
    [
      'nested condition groups',
      `Allow group g to read objects in compartment id ${C} where all {any {target.bucket.name = 'a'}}`,
    ],
    ['a lower-case permission', `Allow any-user to {stream_read} in compartment id ${C}`],
    ['a deny statement', `Deny group g to read objects in compartment id ${C}`],
  ])('rejects %s', (_what, text) => {
    expect(() => parsePolicyStatement(text)).toThrow(PolicyStatementError);
  });
});
