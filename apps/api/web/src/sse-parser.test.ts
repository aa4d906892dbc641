import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

describe('SseParser', () => {
  it('parses named events with JSON data and ids', () => {
    const parser = new SseParser();
    expect(parser.push('event: reading\nid: 7\ndata: {"assetId":"M-1"}\n\n')).toEqual([
      { event: 'reading', data: '{"assetId":"M-1"}', id: '7' },
    ]);
  });

  it('completes events split anywhere across chunks, including between CR and LF', () => {
    const parser = new SseParser();
    const text = 'event: alert\r\ndata: {"a":1}\r\n\r\nevent: reading\r\ndata: {"b":2}\r\n\r\n';
    const events = [];
    for (const char of text) events.push(...parser.push(char));
    expect(events).toEqual([
      { event: 'alert', data: '{"a":1}', id: undefined },
      { event: 'reading', data: '{"b":2}', id: undefined },
    ]);
  });

  it('joins multi-line data, defaults the type to message, and skips comments (keep-alives)', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\ndata: one\ndata:two\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo', id: undefined },
    ]);
  });

  it('dispatches nothing for an event without data, and forgets its type', () => {
    const parser = new SseParser();
    expect(parser.push('event: reading\n\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x', id: undefined },
    ]);
  });

  it('holds an incomplete event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: reading\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'reading', data: '{"a":1}', id: undefined }]);
  });
});
