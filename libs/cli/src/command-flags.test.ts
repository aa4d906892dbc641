import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defineCommand, defineGroup } from './command.js';
import { commandFlags } from './command-flags.js';

describe('commandFlags', () => {
  it('lists the flags of every subcommand, their short forms and help', () => {
    const root = defineGroup({
      name: 'tool',
      summary: 'a tool',
      subcommands: [
        defineCommand({
          name: 'load',
          summary: 'load',
          flags: { 'chunk-rows': Type.Integer({ default: 1 }), out: Type.String({ short: 'o' }) },
          build: () => 'load',
        }),
        defineCommand({
          name: 'status',
          summary: 'status',
          flags: { json: Type.Boolean() },
          build: () => 's',
        }),
      ],
    });
    expect([...commandFlags(root)].sort()).toEqual(['--chunk-rows', '--help', '--json', '--out', '-h', '-o']);
  });
});
