import { describe, expect, it } from 'vitest';
import { parseStackCommand } from './parse-command.js';

describe('parseStackCommand', () => {
  it('accepts up, status, down and down --purge', () => {
    expect(parseStackCommand(['up'])).toEqual({ kind: 'up' });
    expect(parseStackCommand(['status'])).toEqual({ kind: 'status' });
    expect(parseStackCommand(['down'])).toEqual({ kind: 'down', purge: false });
    expect(parseStackCommand(['down', '--purge'])).toEqual({ kind: 'down', purge: true });
    expect(parseStackCommand(['--help'])).toEqual({ kind: 'help' });
  });

  it('turns unknown or missing commands and options into a usage error', () => {
    expect(parseStackCommand([])).toMatchObject({ kind: 'usage-error', message: 'missing command' });
    expect(parseStackCommand(['start'])).toMatchObject({
      kind: 'usage-error',
      message: 'unknown command: start',
    });
    expect(parseStackCommand(['down', '--force'])).toMatchObject({ kind: 'usage-error' });
    expect(parseStackCommand(['up', '--purge'])).toMatchObject({ kind: 'usage-error' });
  });
});
