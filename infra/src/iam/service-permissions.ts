// Rows of the IAM table for OCI services acting on our resources (keys, VNICs, Connector Hub).
import { DOCS, literal, ocidOf, verb, type PermissionContext } from './permission-context.js';
import type { RequiredPermission } from './required-permissions.js';

/** Rows of the IAM table for OCI services acting on our resources (keys, VNICs, Connector Hub). */
export function servicePermissions(context: PermissionContext): RequiredPermission[] {
  const { env, compartmentId, service, anyUser, masterKey, connector, row } = context;
  return [
    // OCI services acting on our resources.
    row({
      id: 'streaming-encrypts-stream-pool',
      who: service('streaming'),
      what: 'Streaming encrypts and decrypts the pool’s data with the master key',
      calledFrom: 'infra/src/stacks/streaming-stack.ts',
      permission: verb('use', 'keys'),
      condition: [masterKey],
      docUrl: DOCS.streamPoolKeys,
    }),
    row({
      id: 'object-storage-encrypts-buckets',
      who: service(`objectstorage-${env.region}`),
      what: 'Object Storage encrypts and decrypts the buckets’ data keys with the master key',
      calledFrom: 'infra/src/stacks/storage-stack.ts',
      permission: verb('use', 'keys'),
      condition: [masterKey],
      docUrl: DOCS.assigningKeys,
      unconfirmed: 'the service name objectstorage-<region> is as public samples write it',
    }),
    row({
      id: 'mysql-db-system-joins-nsg',
      who: anyUser,
      what: 'The DB system creates its VNIC and adds it to the database NSG',
      calledFrom: 'infra/src/stacks/database-stack.ts',
      permission: {
        kind: 'permissions',
        permissions: [
          'VNIC_CREATE',
          'VNIC_UPDATE',
          'VNIC_ASSOCIATE_NETWORK_SECURITY_GROUP',
          'VNIC_DISASSOCIATE_NETWORK_SECURITY_GROUP',
        ],
      },
      condition: [
        literal('request.principal.type', 'mysqldbsystem'),
        literal('request.resource.compartment.id', compartmentId),
      ],
      docUrl: DOCS.mysqlMandatory,
    }),
    row({
      id: 'connector-reads-telemetry-stream',
      who: anyUser,
      what: 'Connector Hub reads the telemetry stream (GetStream, cursors, GetMessages)',
      calledFrom: 'infra/src/stacks/connector-stack.ts',
      permission: { kind: 'permissions', permissions: ['STREAM_READ', 'STREAM_CONSUME'] },
      condition: [
        ...connector,
        ocidOf('target.stream.id', 'streaming', 'oci_streaming_stream.telemetry_stream'),
      ],
      docUrl: DOCS.connectorStreaming,
      unconfirmed: 'statement text from Connector Hub’s default policy as public samples show it',
    }),
    row({
      id: 'connector-reads-ingest-function',
      who: anyUser,
      what: 'Connector Hub looks up the ingest function',
      calledFrom: 'infra/src/stacks/connector-stack.ts',
      permission: verb('use', 'fn-function'),
      condition: connector,
      docUrl: DOCS.functions,
      unconfirmed: 'statement text from Connector Hub’s default policy as public samples show it',
    }),
    row({
      id: 'connector-invokes-ingest-function',
      who: anyUser,
      what: 'Connector Hub invokes the ingest function (InvokeFunction)',
      calledFrom: 'infra/src/stacks/connector-stack.ts',
      permission: verb('use', 'fn-invocation'),
      condition: connector,
      docUrl: DOCS.functions,
      unconfirmed: 'statement text from Connector Hub’s default policy as public samples show it',
    }),
  ];
}
