import { describe, expect, it } from 'vitest';
import { parseProducerOptions } from './cli-options.js';

describe('parseProducerOptions', () => {
  it('simulates 100 assets on 3 sites in time at 1,000 readings/s by default', () => {
    expect(parseProducerOptions([])).toEqual({
      mode: 'simulate',
      assets: 100,
      sites: 3,
      lines: 2,
      seed: 42,
      fleet: 'in-time',
      rate: 1_000,
      perMessage: 100,
      partitions: 6,
    });
  });

  it('takes the fleet mode and a history to continue after', () => {
    expect(parseProducerOptions(['--fleet', 'ai4i', '--continue-after', '500'])).toMatchObject({
      fleet: 'ai4i',
      continueAfter: 500,
    });
    expect(() => parseProducerOptions(['--fleet', 'steps'])).toThrow(/--fleet/);
    expect(() => parseProducerOptions(['--continue-after', '-3'])).toThrow(/--continue-after/);
  });

  it('reads every flag', () => {
    expect(
      parseProducerOptions([
        '--assets',
        '20',
        '--rate',
        '0',
        '--count',
        '5000',
        '--seed',
        '7',
        '--per-message',
        '1',
        '--duration',
        '60',
        '--status-file',
        '.local/demo/producer.json',
      ]),
    ).toMatchObject({
      assets: 20,
      rate: 0,
      count: 5_000,
      seed: 7,
      perMessage: 1,
      durationSec: 60,
      statusFile: '.local/demo/producer.json',
    });
    expect(parseProducerOptions(['--replay', 'data/history.jsonl'])).toMatchObject({
      mode: 'replay',
      file: 'data/history.jsonl',
    });
  });

  it('returns null for --help', () => {
    expect(parseProducerOptions(['--help'])).toBeNull();
  });

  it('names every bad flag at once', () => {
    expect(() =>
      parseProducerOptions(['--assets', 'ten', '--rate', 'fast', '--replay', 'x.parquet']),
    ).toThrow(
      /--assets must be an integer >= 1, got "ten"[\s\S]*--rate must be[\s\S]*\.csv \(AI4I layout\) or \.jsonl/,
    );
  });

  it('refuses an endless simulation at full speed and unknown flags', () => {
    expect(() => parseProducerOptions(['--rate', '0'])).toThrow(/needs --count/);
    expect(() => parseProducerOptions(['--asets', '3'])).toThrow(/Unknown option '--asets'/);
  });
});
