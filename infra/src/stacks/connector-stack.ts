import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { SchServiceConnector } from '../oci.js';

/** Props of {@link ConnectorStack}. */
export interface ConnectorStackProps extends OciStackProps {
  readonly streamId: string;
  readonly functionId: string;
}

/** Connector Hub: telemetry stream → ingest function, with the batch settings from config. */
export class ConnectorStack extends OciStack {
  readonly connectorId: string;

  constructor(scope: Construct, id: string, props: ConnectorStackProps) {
    super(scope, id, props);
    const c = this.env.connector;
    const connector = new SchServiceConnector(this, 'stream_to_function', {
      compartmentId: this.compartmentId,
      displayName: this.nameOf('stream-to-ingest'),
      description: 'Delivers telemetry batches from the stream to the ingest function',
      source: { kind: 'streaming', streamId: props.streamId, cursor: { kind: c.cursor } },
      target: {
        kind: 'functions',
        functionId: props.functionId,
        // Size OR count, never both (Connector Hub rejects the pair); size keeps the invoke body under 6 MB.
        batchSizeInKbs: c.batchSizeKb,
        batchTimeInSec: c.batchTimeSeconds,
      },
      freeformTags: this.tags,
    });
    this.connectorId = connector.id;
  }
}
