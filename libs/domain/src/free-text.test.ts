import { describe, expect, it } from 'vitest';
import {
  MULTI_LINE_TEXT_PATTERN,
  SINGLE_LINE_TEXT_PATTERN,
  TEXT_PATTERN_MESSAGES,
  textProblem,
} from './free-text.js';

const REFUSED_EVERYWHERE = [
  '\u0000',
  '\u0007',
  '\r',
  '\u001b[2J',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u202e',
  '\u2066',
];

describe('free text', () => {
  it('accepts ordinary text, accents and emoji; newline and tab only in multi-line text', () => {
    for (const ok of [
      'spindle noise, checked',
      'Jürgen Müller',
      'Überprüfung 🔧',
      "O'Brien <ops@example.com>",
    ]) {
      expect(textProblem(ok, { maxLength: 128 })).toBeNull();
      expect(new RegExp(SINGLE_LINE_TEXT_PATTERN).test(ok)).toBe(true);
    }
    expect(textProblem('line 1\nline 2\tindented', { maxLength: 128, isMultiLine: true })).toBeNull();
    expect(new RegExp(MULTI_LINE_TEXT_PATTERN).test('line 1\nline 2\t')).toBe(true);
    expect(textProblem('line 1\nline 2', { maxLength: 128 })).toMatch(/U\+000A .* at position 6/);
    expect(new RegExp(SINGLE_LINE_TEXT_PATTERN).test('a\tb')).toBe(false);
  });

  it('refuses control, line-separator and bidirectional-override characters, naming code point and position', () => {
    for (const bad of REFUSED_EVERYWHERE) {
      expect(textProblem(`ok${bad}`, { maxLength: 128, isMultiLine: true })).toMatch(
        /^must not contain U\+[0-9A-F]{4} .* at position 2$/,
      );
      expect(new RegExp(MULTI_LINE_TEXT_PATTERN).test(`ok${bad}`)).toBe(false);
      expect(new RegExp(SINGLE_LINE_TEXT_PATTERN).test(`ok${bad}`)).toBe(false);
    }
    expect(textProblem('a\u202eb', { maxLength: 10 })).toBe(
      'must not contain U+202E (a control or bidirectional-override character) at position 1',
    );
  });

  it('refuses empty and oversized text without echoing it', () => {
    expect(textProblem('', { maxLength: 10 })).toBe('must be at least 1 character');
    expect(textProblem('', { maxLength: 10, minLength: 0 })).toBeNull();
    expect(textProblem('x'.repeat(1_000_000), { maxLength: 128 })).toBe(
      'must be at most 128 characters (got 1000000)',
    );
  });

  it('has a message for each pattern', () => {
    expect(TEXT_PATTERN_MESSAGES.get(MULTI_LINE_TEXT_PATTERN)).toMatch(/tab and newline are allowed/);
    expect(TEXT_PATTERN_MESSAGES.get(SINGLE_LINE_TEXT_PATTERN)).toMatch(/one line/);
  });
});
