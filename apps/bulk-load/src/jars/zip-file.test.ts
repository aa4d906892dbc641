import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listZip, readStoredEntry, zipBytes } from './zip-file.js';

describe('zip files', () => {
  const entries = [
    { name: 'java/a.jar', data: Buffer.from('first') },
    { name: 'java/ü.txt', data: Buffer.from('second, longer') },
    { name: 'empty', data: Buffer.alloc(0) },
  ];

  it('lists and reads back what it stored, in order, with CRCs', () => {
    const zip = zipBytes(entries);
    expect(listZip(zip).map((e) => [e.name, e.method, e.sizeBytes, e.crc32])).toEqual(
      entries.map((e) => [e.name, 0, e.data.length, crc32(e.data)]),
    );
    expect(readStoredEntry(zip, 'java/ü.txt').toString()).toBe('second, longer');
    expect(readStoredEntry(zip, 'empty')).toHaveLength(0);
  });

  it('writes the same bytes for the same entries (fixed timestamps)', () => {
    expect(zipBytes(entries).equals(zipBytes(entries))).toBe(true);
  });

  it('refuses names that escape the archive or repeat', () => {
    expect(() => zipBytes([{ name: '../x', data: Buffer.alloc(1) }])).toThrow(/relative/);
    expect(() => zipBytes([{ name: '/x', data: Buffer.alloc(1) }])).toThrow(/relative/);
    expect(() => zipBytes([entries[0]!, entries[0]!])).toThrow(/twice/);
    expect(() => listZip(Buffer.from('not a zip at all, just some text'))).toThrow(/not a zip/);
  });
});
