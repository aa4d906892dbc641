import type { Construct } from 'constructs';
import type { ContainerServiceConfig } from '../environments/environment-config.js';
import { ContainerInstancesContainerInstance } from '../oci.js';

/** Props of {@link privateContainer}. */
export interface PrivateContainerProps {
  readonly compartmentId: string;
  readonly availabilityDomain: string;
  readonly displayName: string;
  readonly service: ContainerServiceConfig;
  readonly subnetId: string;
  readonly nsgIds: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  /** Fixed private IP; when unset OCI picks one. */
  readonly privateIp?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One container instance in a private subnet: never a public IP, read-only root file system, non-root user,
 * restart on failure. Secrets are not passed as environment: the container reads them from Vault.
 */
export function privateContainer(
  scope: Construct,
  id: string,
  props: PrivateContainerProps,
): ContainerInstancesContainerInstance {
  return new ContainerInstancesContainerInstance(scope, id, {
    compartmentId: props.compartmentId,
    availabilityDomain: props.availabilityDomain,
    displayName: props.displayName,
    shape: props.service.shape,
    shapeConfig: { ocpus: props.service.ocpus, memoryInGbs: props.service.memoryGb },
    containerRestartPolicy: 'ON_FAILURE',
    containers: [
      {
        displayName: props.displayName,
        imageUrl: props.service.imageUrl,
        environmentVariables: { ...props.environment },
        securityContext: {
          securityContextType: 'LINUX',
          isNonRootUserCheckEnabled: true,
          isRootFileSystemReadonly: true,
        },
      },
    ],
    vnics: [
      {
        subnetId: props.subnetId,
        nsgIds: [...props.nsgIds],
        isPublicIpAssigned: false,
        ...(props.privateIp === undefined ? {} : { privateIp: props.privateIp }),
      },
    ],
    freeformTags: { ...props.tags },
  });
}
