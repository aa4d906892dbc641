import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReporter } from './reporter.js';

describe('createReporter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prefixes lines with the service', () => {
    const lines: string[] = [];
    createReporter((line) => lines.push(line)).say('kafka', 'starting');
    expect(lines).toEqual(['[kafka] starting']);
  });

  it('prints a heartbeat with the elapsed time until stopped', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const lines: string[] = [];
    let phase = 'waiting for the port';
    const stop = createReporter(
      (line) => lines.push(line),
      () => Date.now(),
    ).heartbeat('kafka', () => phase, 3_000);
    vi.advanceTimersByTime(3_000);
    phase = 'joining the group';
    vi.advanceTimersByTime(3_000);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(lines).toEqual(['[kafka] waiting for the port (3.0 s)', '[kafka] joining the group (6.0 s)']);
  });
});
