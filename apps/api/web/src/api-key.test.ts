import { describe, expect, it } from 'vitest';
import { takeKeyFromFragment } from './api-key.js';

describe('takeKeyFromFragment', () => {
  it('takes the key from #key=... and leaves an empty fragment', () => {
    expect(takeKeyFromFragment('#key=abc.DEF_123')).toEqual({ key: 'abc.DEF_123', rest: '' });
  });

  it('takes the key from a page fragment and keeps the page and its other parameters', () => {
    expect(takeKeyFromFragment('#/alerts?key=k1')).toEqual({ key: 'k1', rest: '#/alerts' });
    expect(takeKeyFromFragment('#/aggregates?key=k1&assetId=M-1')).toEqual({
      key: 'k1',
      rest: '#/aggregates?assetId=M-1',
    });
    expect(takeKeyFromFragment('#/aggregates?assetId=M-1&key=k1')).toEqual({
      key: 'k1',
      rest: '#/aggregates?assetId=M-1',
    });
  });

  it('decodes a percent-encoded key', () => {
    expect(takeKeyFromFragment('#key=a%2Bb%3D')).toEqual({ key: 'a+b=', rest: '' });
  });

  it('leaves fragments without a key alone, and treats an empty key as none', () => {
    expect(takeKeyFromFragment('#/fleet')).toEqual({ key: undefined, rest: '#/fleet' });
    expect(takeKeyFromFragment('')).toEqual({ key: undefined, rest: '' });
    expect(takeKeyFromFragment('#key=')).toEqual({ key: undefined, rest: '' });
  });

  it('does not mistake a parameter that merely ends in "key" for the key', () => {
    expect(takeKeyFromFragment('#/aggregates?monkey=1')).toEqual({
      key: undefined,
      rest: '#/aggregates?monkey=1',
    });
  });
});
