import { workloadEnvironment, type ContractShape } from '@lakehouse/contracts';
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
  /** The settings contract of the workload the container runs (@lakehouse/contracts). */
  readonly contract: ContractShape;
  /** Its settings, checked against the contract at synth time. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** @default ON_FAILURE (NEVER for one-shot jobs) */
  readonly restartPolicy?: 'ON_FAILURE' | 'NEVER' | 'ALWAYS';
  /** Fixed private IP; when unset OCI picks one. */
  readonly privateIp?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One container instance in a private subnet: never a public IP, read-only root file system, non-root user,
 * restart on failure. The environment is built from the workload's contract, so an unknown key, a missing one or a
 * secret given as a value fails the synth; secrets arrive as `<NAME>_SECRET_OCID` and the container reads them from
 * Vault with its resource principal. The `workload` tag names the contract for the contract tests.
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
    containerRestartPolicy: props.restartPolicy ?? 'ON_FAILURE',
    containers: [
      {
        displayName: props.displayName,
        imageUrl: props.service.imageUrl,
        environmentVariables: workloadEnvironment(props.contract, props.environment),
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
    freeformTags: { ...props.tags, workload: props.contract.workload },
  });
}
