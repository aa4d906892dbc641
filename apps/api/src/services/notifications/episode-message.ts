import type { ClaimedNotification } from '@lakehouse/sql';

/** The JSON every channel sends for one episode event (version 1). */
export interface EpisodeMessage {
  readonly schema: 'lakehouse.alert-episode.v1';
  /** The same on every attempt and redelivery: a receiver drops a message whose key it has seen. */
  readonly dedupKey: string;
  readonly event: 'open' | 'escalate';
  /** Reading time of the event, ISO 8601 UTC. */
  readonly eventAt: string;
  /** Delivery attempt, from 1 (a receiver may see the same key with a higher attempt). */
  readonly attempt: number;
  readonly episode: {
    readonly episodeId: string;
    readonly assetId: string;
    readonly assetType: string | null;
    readonly siteId: string | null;
    readonly lineId: string | null;
    readonly state: 'open' | 'resolved';
    readonly band: 'elevated' | 'high';
    readonly openedAt: string;
    readonly firstHighAt: string;
    readonly lastHighAt: string;
    readonly peakProbability: number;
    readonly peakAt: string;
    readonly peakModes: readonly string[];
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The message of a claimed notification. */
export function episodeMessage(notification: ClaimedNotification): EpisodeMessage {
  const e = notification.episode;
  return {
    schema: 'lakehouse.alert-episode.v1',
    dedupKey: notification.dedupKey,
    event: notification.event,
    eventAt: iso(notification.eventAt),
    attempt: notification.attempt,
    episode: {
      episodeId: notification.episodeId,
      assetId: e.assetId,
      assetType: e.assetType,
      siteId: e.siteId,
      lineId: e.lineId,
      state: e.state,
      band: e.band,
      openedAt: iso(e.openedAt),
      firstHighAt: iso(e.firstHighAt),
      lastHighAt: iso(e.lastHighAt),
      peakProbability: e.peakProbability,
      peakAt: iso(e.peakAt),
      peakModes: e.peakModes,
    },
  };
}

/** A one-line title (e-mail subject, chat preview): what happened to which asset, how bad. */
export function episodeTitle(message: EpisodeMessage): string {
  const e = message.episode;
  const what = message.event === 'open' ? 'failure risk alert' : 'failure risk escalated to HIGH';
  const where = [e.siteId, e.lineId].filter((x) => x !== null).join(' / ');
  const modes = e.peakModes.length > 0 ? `, ${e.peakModes.join('+')}` : '';
  return `${what}: ${e.assetId}${where === '' ? '' : ` (${where})`}, peak ${String(Math.round(e.peakProbability * 100))} %${modes}`;
}

/** An outbound channel: resolves once the receiver accepted the message, throws otherwise. */
export interface NotificationChannel {
  /** `webhook` or `ons`: recorded as `delivered_via`. */
  readonly name: string;
  send(message: EpisodeMessage): Promise<void>;
}
