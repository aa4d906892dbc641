import type { Logger } from '@lakehouse/runtime';
import { activeModelId, loadScorer, type Scorer } from '@lakehouse/scoring';
import type { Pool } from 'mysql2/promise';

/**
 * The active model, loaded once and kept in memory so `POST /predict` never touches the database. Every
 * `refreshMs` one indexed lookup asks the registry which model is active; the artifact is reloaded only when that
 * id changes. Activation through the API refreshes at once.
 */
export class ActiveScorerCache {
  #scorer: Scorer | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  /** The active model, or null when none is active (or it cannot be scored in-process). */
  get current(): Scorer | null {
    return this.#scorer;
  }

  async refresh(): Promise<void> {
    const id = await activeModelId(this.pool);
    if (id === (this.#scorer?.modelId ?? null)) return;
    if (id === null) {
      this.#scorer = null;
      this.logger.warn('no active model: predictions are unavailable');
      return;
    }
    try {
      this.#scorer = await loadScorer(this.pool, id);
      this.logger.info(
        { modelId: id, name: this.#scorer.name, version: this.#scorer.version },
        'model loaded',
      );
    } catch (err: unknown) {
      this.#scorer = null;
      this.logger.error({ err, modelId: id }, 'active model cannot be loaded');
    }
  }

  start(refreshMs: number): void {
    this.#timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.logger.warn({ err }, 'model refresh failed'));
    }, refreshMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
