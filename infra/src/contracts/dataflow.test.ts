import {
  DATAFLOW_PARAMETERS,
  REDACTION_SAFE_REPLACEMENTS,
  dataflowParameterProblems,
  type DataflowParameterName,
} from '@lakehouse/contracts';
import { describe, expect, it } from 'vitest';
import type { EnvironmentConfig } from '../environments/environment-config.js';
import { POC } from '../environments/poc.js';
import { PROD } from '../environments/prod.js';
import { onlyBlockOf, synthEnvironment } from '../testing/synth-environment.js';

/** Something that is, or is read from, a password: a generated value, a secret's content, a literal password. */
const PASSWORD_LIKE =
  /random_password|secret_content|secret_bundle|\.content\b|\.result\b|password|passphrase/i;

for (const env of [POC, PROD] as const satisfies readonly EnvironmentConfig[]) {
  describe(`the ${env.name} Data Flow application against its contract`, () => {
    const app = onlyBlockOf(synthEnvironment(env).byName.dataflow, 'oci_dataflow_application');
    const parameters = app['parameters'] as { name: string; value: string }[];
    const value = (name: DataflowParameterName): string =>
      parameters.find((p) => p.name === name)?.value ?? '';

    it("has exactly the contract's parameters, in its order, with values the contract accepts", () => {
      expect(parameters.map((p) => p.name)).toEqual([...DATAFLOW_PARAMETERS]);
      expect(dataflowParameterProblems(Object.fromEntries(parameters.map((p) => [p.name, p.value])))).toEqual(
        [],
      );
    });

    it('passes no password: the credential is the Vault secret id of the app user, made redaction-safe', () => {
      for (const p of parameters) expect(p.value, p.name).not.toMatch(PASSWORD_LIKE);
      const credential = value('jdbc_credential');
      expect(credential).toMatch(/^\$\{replace\(/);
      expect(credential).toMatch(/cross-stack-output-oci_vault_secretmysql_app_secretid/);
      for (const r of REDACTION_SAFE_REPLACEMENTS)
        expect(credential).toContain(`"${r.pattern}", "${r.replacement}"`);
    });

    it('reads raw files, writes rejects and silver in the buckets, and writes MySQL over verified TLS', () => {
      expect(value('raw_path')).toMatch(new RegExp(`^oci://lakehouse-${env.name}-raw@\\$\\{.+\\}/$`));
      expect(value('rejects_path')).toMatch(
        /^oci:\/\/lakehouse-\w+-dataflow@\$\{.+\}\/bulk-load\/rejects\/$/,
      );
      expect(value('silver_path')).toMatch(new RegExp(`^oci://lakehouse-${env.name}-silver@\\$\\{[^}]+\\}$`));
      expect(value('jdbc_connection')).toMatch(
        new RegExp(
          `^jdbc:mysql://${env.database.hostnameLabel}\\.\\$\\{.+\\}:3306/${env.database.appSchemaName}\\?sslMode=VERIFY_IDENTITY&`,
        ),
      );
      expect(value('jdbc_driver')).toBe('com.mysql.cj.jdbc.Driver');
      expect(value('jdbc_user')).toBe(env.database.appUsername);
    });

    it('ships the archive from the Data Flow bucket and sizes its Flex shapes', () => {
      expect(app['archive_uri']).toMatch(
        new RegExp(`^oci://lakehouse-${env.name}-dataflow@\\$\\{.+\\}/${env.dataflow.archiveObjectPath}$`),
      );
      const size = { ocpus: env.dataflow.ocpusPerNode, memory_in_gbs: env.dataflow.memoryGbPerNode };
      expect(app['driver_shape']).toMatch(/\.Flex$/);
      expect(app['executor_shape']).toMatch(/\.Flex$/);
      expect(app['driver_shape_config']).toEqual(size);
      expect(app['executor_shape_config']).toEqual(size);
    });
  });
}
