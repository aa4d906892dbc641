import { AppError, UpstreamError } from '@lakehouse/runtime';
import type { AuthenticationDetailsProvider } from 'oci-common';
import { NotificationDataPlaneClient, requests } from 'oci-ons';

/** What an OCI Notifications topic is sent: a title (e-mail subject) and a body, at most 64 KiB. */
export interface OnsMessage {
  readonly title: string;
  readonly body: string;
}

/** ONS refuses bodies above 64 KiB. */
export const ONS_MAX_BODY_BYTES = 65_536;

/**
 * The PublishMessage request for one message: RAW_TEXT (the JSON message type is deprecated; subscribers that want
 * JSON parse the raw body), the title cut to ONS's 255 characters, the body checked against its 64 KiB limit.
 */
export function onsPublishRequest(topicId: string, message: OnsMessage): requests.PublishMessageRequest {
  if (!/^ocid1\.onstopic\./.test(topicId)) {
    throw new AppError('CONFIG_INVALID', `not a Notifications topic OCID: ${JSON.stringify(topicId)}`, {
      context: { topicId },
    });
  }
  if (Buffer.byteLength(message.body) > ONS_MAX_BODY_BYTES) {
    throw new AppError('VALIDATION_FAILED', `ONS message body exceeds ${String(ONS_MAX_BODY_BYTES)} bytes`, {
      context: { topicId },
    });
  }
  return {
    topicId,
    messageDetails: { title: message.title.slice(0, 255), body: message.body },
    messageType: requests.PublishMessageRequest.MessageType.RawText,
  };
}

/** Sends one PublishMessage request; what {@link createOnsPublisher} returns. */
export type OnsPublisher = (request: requests.PublishMessageRequest) => Promise<void>;

/**
 * A publisher on the ONS data plane with the given credentials (the API's resource or instance principal in the
 * cloud). Failures are retryable upstream errors naming the topic; the caller decides when to try again.
 */
export function createOnsPublisher(
  authenticationDetailsProvider: AuthenticationDetailsProvider,
): OnsPublisher {
  const client = new NotificationDataPlaneClient({ authenticationDetailsProvider });
  return async (request) => {
    try {
      await client.publishMessage(request);
    } catch (error) {
      throw new UpstreamError('OCI_REQUEST_FAILED', `ONS PublishMessage to ${request.topicId} failed`, {
        cause: error,
        retryable: true,
        context: { topicId: request.topicId },
      });
    }
  };
}
