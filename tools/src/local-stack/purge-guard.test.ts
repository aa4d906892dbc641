import { describe, expect, it } from 'vitest';
import { purgeRefusal } from './purge-guard.js';

const base = {
  stackDir: '/repo/.local',
  entries: ['mariadb', 'kafka', 'stack.json'],
  env: { ALLOW_STACK_PURGE: '1' },
  protectedDirs: ['/repo', '/root'],
};

describe('purgeRefusal', () => {
  it('allows wiping a stack folder when ALLOW_STACK_PURGE=1', () => {
    expect(purgeRefusal(base)).toBeUndefined();
    expect(purgeRefusal({ ...base, entries: [] })).toBeUndefined();
  });

  it('refuses without the explicit flag', () => {
    expect(purgeRefusal({ ...base, env: {} })).toMatch(/ALLOW_STACK_PURGE=1/);
    expect(purgeRefusal({ ...base, env: { ALLOW_STACK_PURGE: 'yes' } })).toMatch(/ALLOW_STACK_PURGE=1/);
  });

  it('refuses the filesystem root, the repo root and the home folder', () => {
    for (const stackDir of ['/', '/repo', '/root/']) {
      expect(purgeRefusal({ ...base, stackDir })).toMatch(/not a stack folder/);
    }
  });

  it('refuses a folder holding files the stack did not create', () => {
    expect(purgeRefusal({ ...base, entries: ['mariadb', 'thesis.tex'] })).toMatch(/thesis\.tex/);
  });
});
