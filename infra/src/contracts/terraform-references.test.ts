import { describe, expect, it } from 'vitest';
import { TerraformModel } from '../checks/terraform-model.js';
import { referencesIn, substituteReferences } from './terraform-references.js';

const model = new TerraformModel({
  'poc-security': {
    resource: { oci_vault_secret: { app: {} } },
    output: { out_secret: { value: '${oci_vault_secret.app.id}' } },
  },
  'poc-x': {},
});
const remote = 'data.terraform_remote_state.cross-stack-reference-input-poc-security.outputs.out_secret';

describe('Terraform references in synthesized values', () => {
  it('follow cross-stack outputs to the resource and substitute each interpolation', () => {
    expect(substituteReferences(model, 'poc-x', `a-\${${remote}}-b`, (l) => `<${l.expression}>`)).toBe(
      'a-<oci_vault_secret.app.id>-b',
    );
  });

  it("evaluate Terraform's replace() around a reference, case-insensitive RE2 patterns included", () => {
    const value = `\${replace(replace(${remote}, "/(?i)(secre)(t)/", "$1~$2"), "x", "y")}`;
    expect(substituteReferences(model, 'poc-x', value, () => 'ocid1.vaultSECRET.x')).toBe(
      'ocid1.vaultSECRE~T.y',
    );
    expect(referencesIn(model, 'poc-x', value).map((l) => l.expression)).toEqual(['oci_vault_secret.app.id']);
  });

  it('refuse any other function', () => {
    expect(() => substituteReferences(model, 'poc-x', '${upper(var.x)}', () => '')).toThrow(
      /not a plain reference/,
    );
  });
});
