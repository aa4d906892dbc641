import { DB_BOOTSTRAP_CONTRACT } from '@lakehouse/contracts';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { privateContainer } from './container-service.js';
import type { MysqlEndpoint } from './mysql-client-settings.js';

/** Props of {@link BootstrapStack}. */
export interface BootstrapStackProps extends OciStackProps {
  readonly availabilityDomain: string;
  readonly appSubnetId: string;
  readonly appNsgId: string;
  /** The DB system's endpoint; its `passwordSecretId` is the app user's password, the one the bootstrap sets. */
  readonly mysql: MysqlEndpoint;
  /** Vault secret of the admin password: the one the database stack created the DB system with. */
  readonly adminSecretId: string;
}

/** Names of the bootstrap stack's outputs, for the README's checks (`terraform output -raw <name>`). */
export const BOOTSTRAP_OUTPUTS = {
  containerInstanceId: 'db_bootstrap_container_instance_id',
  containerId: 'db_bootstrap_container_id',
} as const;

/**
 * The one-shot DB bootstrap (apps/db-bootstrap image) as a container instance in the private app subnet, the
 * only place besides the DB subnet that reaches the DB system. It connects as the admin, creates the application
 * schema and user (password from the `mysql-app` Vault secret), sets the user's grants to exactly what the
 * applications need and runs the migrations, then exits: restart policy NEVER, so exit code 0 means the database is
 * ready and anything else is a failure to read in the container's logs (ADR 0023). Deploy it after the database
 * stack and before the stacks whose workloads use the schema.
 */
export class BootstrapStack extends OciStack {
  readonly containerInstanceId: string;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id, props);
    const db = this.env.database;
    const instance = privateContainer(this, 'db_bootstrap', {
      compartmentId: this.compartmentId,
      availabilityDomain: props.availabilityDomain,
      displayName: this.nameOf('db-bootstrap'),
      service: this.env.bootstrap,
      subnetId: props.appSubnetId,
      nsgIds: [props.appNsgId],
      restartPolicy: 'NEVER',
      contract: DB_BOOTSTRAP_CONTRACT,
      environment: {
        // The admin connection: MYSQL_USER is the DB system's admin, MYSQL_DATABASE the schema to create.
        MYSQL_HOST: props.mysql.fqdn,
        MYSQL_PORT: String(props.mysql.port),
        MYSQL_USER: db.adminUsername,
        MYSQL_DATABASE: db.appSchemaName,
        MYSQL_TLS_MODE: 'verify-identity',
        MYSQL_TLS_CA_FILE: db.tlsCaFile,
        MYSQL_PASSWORD_SECRET_OCID: props.adminSecretId,
        DB_BOOTSTRAP_APP_USER: db.appUsername,
        DB_BOOTSTRAP_APP_PASSWORD_SECRET_OCID: props.mysql.passwordSecretId,
        DB_BOOTSTRAP_AUTOML_GRANTS: String(db.isAutoMlEnabled),
        OCI_AUTH: 'resource_principal',
        LOG_LEVEL: 'info',
      },
      tags: this.tags,
    });
    this.containerInstanceId = instance.id;
    new TerraformOutput(this, BOOTSTRAP_OUTPUTS.containerInstanceId, {
      description: 'Container instance of the DB bootstrap (restart it to run the bootstrap again)',
      value: instance.id,
    });
    new TerraformOutput(this, BOOTSTRAP_OUTPUTS.containerId, {
      description:
        'Container of the DB bootstrap: its exit code and logs (oci container-instances container get / retrieve-logs)',
      value: instance.containers.get(0).containerId,
    });
  }
}
