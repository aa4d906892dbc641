import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { DatacatalogCatalog, DatacatalogDataAsset } from '../oci.js';
import type { BucketNames } from './storage-stack.js';

/** Props of {@link CatalogStack}. */
export interface CatalogStackProps extends OciStackProps {
  readonly namespace: string;
  readonly bucketNames: BucketNames;
  readonly mysqlFqdn: string;
  readonly mysqlPort: number;
}

/**
 * Data Catalog with one data asset for the lakehouse buckets and one for the MySQL database. Harvesting (which
 * needs a connection with credentials) is run from the console or CLI; see README.
 */
export class CatalogStack extends OciStack {
  readonly catalogId: string;
  readonly objectStorageAssetId: string;
  readonly mysqlAssetId: string;

  constructor(scope: Construct, id: string, props: CatalogStackProps) {
    super(scope, id, props);
    const typeKey = (configured: string | undefined, variable: string, what: string): string =>
      configured ??
      new TerraformVariable(this, variable, {
        type: 'string',
        description: `Data Catalog type key of ${what} assets (oci data-catalog type list --catalog-id <id>).`,
      }).stringValue;
    const catalog = new DatacatalogCatalog(this, 'catalog', {
      compartmentId: this.compartmentId,
      displayName: this.nameOf('catalog'),
      freeformTags: this.tags,
    });
    const objectStorage = new DatacatalogDataAsset(this, 'buckets_asset', {
      catalogId: catalog.id,
      displayName: this.nameOf('buckets'),
      description: `Buckets ${Object.values(props.bucketNames).join(', ')}`,
      typeKey: typeKey(
        this.env.catalog.objectStorageTypeKey,
        'datacatalog_object_storage_type_key',
        'Object Storage',
      ),
      properties: {
        'default.namespace': props.namespace,
        'default.url': `https://objectstorage.${this.env.region}.oraclecloud.com`,
      },
    });
    const mysql = new DatacatalogDataAsset(this, 'mysql_asset', {
      catalogId: catalog.id,
      displayName: this.nameOf('mysql'),
      description: 'MySQL HeatWave lakehouse database',
      typeKey: typeKey(this.env.catalog.mysqlTypeKey, 'datacatalog_mysql_type_key', 'MySQL'),
      properties: {
        'default.host': props.mysqlFqdn,
        'default.port': String(props.mysqlPort),
        'default.database': this.env.database.appSchemaName,
      },
    });
    this.catalogId = catalog.id;
    this.objectStorageAssetId = objectStorage.id;
    this.mysqlAssetId = mysql.id;
  }
}
