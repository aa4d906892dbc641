import { onsPublishRequest, type OnsPublisher } from '@lakehouse/oci';
import type { EpisodeMessage, NotificationChannel } from './episode-message.js';
import { episodeTitle } from './episode-message.js';

/**
 * Publishes each message to an OCI Notifications topic (ONS PublishMessage): the title as the subject, the JSON
 * message (with its dedup key) as the raw body. ONS itself does not deduplicate; subscribers (functions, HTTPS
 * endpoints, PagerDuty, Slack) drop repeats by the key.
 */
export function createOnsChannel(options: {
  readonly topicId: string;
  readonly publish: OnsPublisher;
}): NotificationChannel {
  return {
    name: 'ons',
    send: (message: EpisodeMessage) =>
      options.publish(
        onsPublishRequest(options.topicId, { title: episodeTitle(message), body: JSON.stringify(message) }),
      ),
  };
}
