import { formatClock, formatCount } from '@lakehouse/runtime';

/** Where the bar is drawn: a TTY is redrawn in place, anything else gets one line per interval. */
export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  readonly output: ProgressOutput;
  /** Total work in bytes (the sum of the input file sizes). */
  readonly totalBytes: number;
  /** Monotonic clock in ms; injected for tests. @default performance.now */
  readonly now?: () => number;
  /** Minimum ms between two draws. @default 250 on a TTY, 5000 otherwise */
  readonly intervalMs?: number;
  readonly label?: string;
}

/**
 * A progress bar with rows, rows/s and ETA. The ETA comes from the byte fraction done (row counts are unknown
 * until a CSV or JSON file has been read), the rate from rows since the start.
 */
export class ProgressBar {
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastDrawAt = -Infinity;
  private bytes = 0;
  private rows = 0;
  private rejects = 0;
  private readonly intervalMs: number;

  constructor(private readonly options: ProgressBarOptions) {
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
    this.intervalMs = options.intervalMs ?? (options.output.isTTY === true ? 250 : 5_000);
  }

  /** Adds work done; draws when the interval has passed. */
  advance(delta: { readonly bytes?: number; readonly rows?: number; readonly rejects?: number }): void {
    this.bytes += delta.bytes ?? 0;
    this.rows += delta.rows ?? 0;
    this.rejects += delta.rejects ?? 0;
    if (this.now() - this.lastDrawAt >= this.intervalMs) this.draw();
  }

  /** The current line, without drawing it. */
  render(): string {
    const elapsedS = Math.max((this.now() - this.startedAt) / 1000, 1e-9);
    const fraction = this.options.totalBytes > 0 ? Math.min(this.bytes / this.options.totalBytes, 1) : 1;
    const width = 24;
    const filled = Math.round(fraction * width);
    const eta = fraction > 0 ? (elapsedS * (1 - fraction)) / fraction : Number.NaN;
    return (
      `${this.options.label ?? 'load'} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` +
      `${(fraction * 100).toFixed(1)}% ${formatCount(this.rows)} rows ${formatCount(this.rows / elapsedS)} rows/s ` +
      `ETA ${formatClock(eta)} rejects ${formatCount(this.rejects)}`
    );
  }

  /** Draws the bar now. */
  draw(): void {
    this.lastDrawAt = this.now();
    const line = this.render();
    this.options.output.write(this.options.output.isTTY === true ? `\r${line}` : `${line}\n`);
  }

  /** Draws the final state and ends the line. */
  finish(): void {
    this.draw();
    if (this.options.output.isTTY === true) this.options.output.write('\n');
  }
}
