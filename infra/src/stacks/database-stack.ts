import { HEATWAVE_OPERATIONS_CONTRACT, workloadEnvironment } from '@lakehouse/contracts';
import { Fn, TerraformOutput, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { SECURE_DEFAULTS } from '../constructs/secure-defaults.js';
import { DataOciMysqlMysqlConfigurations, MysqlHeatWaveCluster, MysqlMysqlDbSystem } from '../oci.js';

/** Props of {@link DatabaseStack}: where the DB system lives, from the network stack. */
export interface DatabaseStackProps extends OciStackProps {
  readonly availabilityDomain: string;
  readonly dbSubnetId: string;
  readonly dbSubnetDomainName: string;
  readonly dbNsgId: string;
  /** Vault secret that holds the admin password (named in the variable's description for operators). */
  readonly adminSecretId: string;
}

/** Name of the database stack's output holding the HeatWave operations CLI's environment. */
export const HEATWAVE_OPERATIONS_OUTPUT = 'heatwave_operations_env';

/** Name of the Terraform variable that carries the admin password at plan/apply time (TF_VAR_mysql_admin_password). */
export const MYSQL_ADMIN_PASSWORD_VARIABLE = 'mysql_admin_password';

/**
 * MySQL DB system in the private DB subnet (no public endpoint exists for it), with a HeatWave cluster sized from
 * config and Lakehouse enabled. The admin password is read from Vault at deploy time into a sensitive variable;
 * the chosen MySQL configuration must require TLS or the plan fails.
 */
export class DatabaseStack extends OciStack {
  readonly dbSystemId: string;
  readonly heatWaveClusterId: string;
  /** Private FQDN of the DB system: `<hostname label>.<db subnet domain>`. */
  readonly mysqlFqdn: string;
  readonly mysqlPort = SECURE_DEFAULTS.mysqlPorts[0];

  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id, props);
    const db = this.env.database;
    const adminPassword = new TerraformVariable(this, MYSQL_ADMIN_PASSWORD_VARIABLE, {
      type: 'string',
      sensitive: true,
      nullable: false,
      description:
        'MySQL admin password. Read it from the Vault secret created by the security stack (see infra/README.md); never commit it.',
    });

    // The plan fails unless the configuration requires TLS (require_secure_transport = ON).
    const configurations = new DataOciMysqlMysqlConfigurations(this, 'mysql_configuration', {
      compartmentId: this.compartmentId,
      shapeName: db.shapeName,
      type: [db.configurationType],
      ...(db.configurationDisplayName === undefined ? {} : { displayName: db.configurationDisplayName }),
      state: 'ACTIVE',
      lifecycle: {
        postcondition: [
          {
            condition:
              'length(self.configurations) > 0 && self.configurations[0].variables[0].require_secure_transport == true',
            errorMessage:
              'The MySQL configuration must set require_secure_transport = ON. Create a custom configuration that does and set database.configurationType = CUSTOM with its display name.',
          },
        ],
      },
    });

    const dbSystem = new MysqlMysqlDbSystem(this, 'db_system', {
      compartmentId: this.compartmentId,
      availabilityDomain: props.availabilityDomain,
      subnetId: props.dbSubnetId,
      nsgIds: [props.dbNsgId],
      displayName: this.nameOf('mysql'),
      description: `HeatWave lakehouse (${this.env.name}); admin password in Vault secret ${props.adminSecretId}`,
      shapeName: db.shapeName,
      mysqlVersion: db.mysqlVersion,
      configurationId: Fn.lookup(Fn.element(configurations.configurations, 0), 'id', '') as string,
      adminUsername: db.adminUsername,
      adminPassword: adminPassword.stringValue,
      dataStorageSizeInGb: db.dataStorageSizeGb,
      hostnameLabel: db.hostnameLabel,
      isHighlyAvailable: db.isHighlyAvailable,
      port: SECURE_DEFAULTS.mysqlPorts[0],
      portX: SECURE_DEFAULTS.mysqlPorts[1],
      secureConnections: { certificateGenerationType: SECURE_DEFAULTS.mysqlCertificateGenerationType },
      backupPolicy: { isEnabled: true, retentionInDays: db.backupRetentionDays },
      deletionPolicy: [
        {
          isDeleteProtected: db.isDeleteProtected,
          finalBackup: db.isDeleteProtected ? 'REQUIRE_FINAL_BACKUP' : 'SKIP_FINAL_BACKUP',
          automaticBackupRetention: 'RETAIN',
        },
      ],
      freeformTags: this.tags,
    });
    const cluster = new MysqlHeatWaveCluster(this, 'heatwave_cluster', {
      dbSystemId: dbSystem.id,
      shapeName: db.heatWave.shapeName,
      clusterSize: db.heatWave.nodeCount,
      isLakehouseEnabled: db.heatWave.isLakehouseEnabled,
    });
    this.dbSystemId = dbSystem.id;
    this.heatWaveClusterId = cluster.id;
    this.mysqlFqdn = `${db.hostnameLabel}.${props.dbSubnetDomainName}`;
    // What the HeatWave operations CLI needs (its contract in @lakehouse/contracts); operators export it
    // (`terraform output -json heatwave_operations_env`). The admin password stays in Vault: only its OCID is here.
    new TerraformOutput(this, HEATWAVE_OPERATIONS_OUTPUT, {
      description: 'Environment of the HeatWave operations CLI (npm run heatwave) for this DB system',
      value: workloadEnvironment(HEATWAVE_OPERATIONS_CONTRACT, {
        HEATWAVE_DB_SYSTEM_ID: dbSystem.id,
        OCI_CLI_REGION: this.env.region,
        OCI_AUTH: 'config_file',
        MYSQL_HOST: this.mysqlFqdn,
        MYSQL_PORT: String(this.mysqlPort),
        MYSQL_USER: db.adminUsername,
        MYSQL_DATABASE: db.appSchemaName,
        MYSQL_TLS_MODE: 'verify-identity',
        MYSQL_PASSWORD_SECRET_OCID: props.adminSecretId,
        ...(db.tlsCaFile === undefined ? {} : { MYSQL_TLS_CA_FILE: db.tlsCaFile }),
      }),
    });
  }
}
