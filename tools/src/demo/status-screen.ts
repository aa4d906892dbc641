/** One reading of the running demo, taken about once a second. Null = not known (yet). */
export interface StatusSample {
  readonly atMs: number;
  /** Readings the producer has published (its status file). */
  readonly produced: number | null;
  readonly isProducerDone: boolean;
  /** Readings stored and records dead-lettered by the ingest function (the runner's status file). */
  readonly stored: number | null;
  readonly deadLettered: number | null;
  /** Stream messages not yet delivered to the function. */
  readonly lag: number | null;
  /** Alert episodes (the API's summary): open now, opened and resolved in the last minute, notifications. */
  readonly alerts: {
    readonly open: number;
    readonly openHigh: number;
    readonly openedLastMinute: number;
    readonly resolvedLastMinute: number;
    readonly pendingNotifications: number;
    /** Notifications the demo's webhook receiver got (repeats of a dedup key not counted). */
    readonly delivered: number;
  } | null;
  /** The active model as the API serves it. */
  readonly model: { readonly name: string; readonly version: number; readonly modelId: number } | null;
  /** Why the API figures are missing (skipped, not answering), shown instead of them. */
  readonly apiNote?: string;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** Per-second rate of a counter between two samples ('…' until there are two). */
function rate(now: number | null, before: number | null | undefined, seconds: number): string {
  if (now === null || before === null || before === undefined || seconds <= 0) return '…';
  return `${int(Math.max(0, now - before) / seconds)}/s`;
}

function counter(
  label: string,
  now: number | null,
  before: number | null | undefined,
  seconds: number,
): string {
  return `${label.padEnd(14)}${rate(now, before, seconds).padStart(10)}   ${now === null ? '…' : int(now)} total`;
}

/**
 * The status screen as lines: events produced, stored and dead-lettered per second (between `previous` and
 * `current`) with totals, stream lag, alerts and the model in use. Pure, so tests check what a user sees.
 */
export function renderStatus(
  current: StatusSample,
  previous: StatusSample | undefined,
  context: { readonly startedAtMs: number; readonly dashboardUrl: string | null; readonly stream: string },
): string[] {
  const seconds = previous === undefined ? 0 : (current.atMs - previous.atMs) / 1000;
  const model =
    current.model === null
      ? (current.apiNote ?? 'none active: readings are stored unscored until a model is activated')
      : `${current.model.name} v${String(current.model.version)} (model ${String(current.model.modelId)})`;
  const a = current.alerts;
  const alerts =
    a === null
      ? (current.apiNote ?? '…')
      : `${int(a.open)} open episodes (${int(a.openHigh)} high); last minute ${int(a.openedLastMinute)} opened, ${int(a.resolvedLastMinute)} resolved; notifications ${int(a.delivered)} received, ${int(a.pendingNotifications)} pending`;
  return [
    `live ${clock(current.atMs - context.startedAtMs)}   stream ${context.stream}   dashboard ${context.dashboardUrl ?? '(API skipped)'}`,
    `${counter('produced', current.produced, previous?.produced, seconds)}${current.isProducerDone ? '   (producer done)' : ''}`,
    counter('stored', current.stored, previous?.stored, seconds),
    counter('dead-lettered', current.deadLettered, previous?.deadLettered, seconds),
    `${'lag'.padEnd(14)}${current.lag === null ? '…' : `${int(current.lag)} messages`}`,
    `${'alerts'.padEnd(14)}${alerts}`,
    `${'model'.padEnd(14)}${model}`,
  ];
}

/** The same figures on one line, for logs and terminals that cannot redraw. */
export function renderStatusLine(
  current: StatusSample,
  previous: StatusSample | undefined,
  context: { readonly startedAtMs: number },
): string {
  const seconds = previous === undefined ? 0 : (current.atMs - previous.atMs) / 1000;
  const part = (label: string, now: number | null, before: number | null | undefined): string =>
    `${label} ${rate(now, before, seconds)} (${now === null ? '…' : int(now)})`;
  return [
    `[${clock(current.atMs - context.startedAtMs)}]`,
    part('produced', current.produced, previous?.produced),
    part('stored', current.stored, previous?.stored),
    part('dead-lettered', current.deadLettered, previous?.deadLettered),
    `lag ${current.lag === null ? '…' : int(current.lag)}`,
    `episodes ${current.alerts === null ? '…' : `${int(current.alerts.open)} open (+${int(current.alerts.openedLastMinute)}/-${int(current.alerts.resolvedLastMinute)} per min)`}`,
    `model ${current.model === null ? 'none' : `${current.model.name} v${String(current.model.version)}`}`,
  ].join(' · ');
}
