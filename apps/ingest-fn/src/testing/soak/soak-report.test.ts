import { describe, expect, it } from 'vitest';
import { judgeGrowth, type GrowthJudgement } from './growth-verdict.js';
import {
  formatSampleTable,
  formatSparklines,
  formatValue,
  renderHtmlReport,
  seriesSvg,
  sparkline,
} from './soak-report.js';
import type { SoakSeries } from './soak-series.js';

const rule = { relative: 0.1, absolute: 0 };
const SERIES: SoakSeries[] = [
  { name: 'producer.rss', unit: 'MiB', values: [100, 110.25, 121, 133, 146], rule },
  { name: 'producer.fds', unit: 'fds', values: [20, 20, Number.NaN, 20, 20], rule },
  { name: 'kafka.lag', unit: 'msgs', values: [3, 0, 5, 1, 2], rule },
];
const judgements = new Map<string, GrowthJudgement>(
  SERIES.map((s) => [s.name, judgeGrowth(s.values, s.rule, 1)]),
);

describe('sparkline', () => {
  it('draws one bar per value from the lowest to the highest block', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 0, 10])).toBe('█▁█');
  });

  it('keeps a flat series on the floor and leaves a gap for a missing value', () => {
    expect(sparkline([4, 4, 4])).toBe('▁▁▁');
    expect(sparkline([1, Number.NaN, 2])).toBe('▁ █');
  });
});

describe('formatValue', () => {
  it('shows one decimal below 100, integers otherwise, and a dash when missing', () => {
    expect(formatValue(12.345)).toBe('12.3');
    expect(formatValue(123.6)).toBe('124');
    expect(formatValue(7)).toBe('7');
    expect(formatValue(Number.NaN)).toBe('-');
  });
});

describe('formatSampleTable', () => {
  it('prints a row per sample under group headings, right-aligned', () => {
    const lines = formatSampleTable([60, 120, 180, 240, 300], SERIES).split('\n');
    expect(lines[0]).toMatch(/^\s+producer\s+kafka$/);
    expect(lines[1]).toBe('t s  rss MiB  fds  lag msgs');
    expect(lines[2]).toBe('---  -------  ---  --------');
    expect(lines[3]).toBe(' 60      100   20         3');
    expect(lines[4]).toBe('120      110   20         0');
    expect(lines[5]).toBe('180      121    -         5');
    expect(lines).toHaveLength(8);
    // The group heading starts above its first column.
    expect(lines[0]?.indexOf('producer')).toBe(5);
    expect(lines[0]?.indexOf('kafka')).toBe(lines[1]?.indexOf('lag'));
  });
});

describe('formatSparklines', () => {
  it('gives every series its chart, range and verdict, with the reason of a growth', () => {
    const lines = formatSparklines(SERIES, judgements).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^producer\.rss {2}▁▂▄▆█ {2}100\.\.146 MiB +GROWTH: never fell/);
    expect(lines[1]).toMatch(/^producer\.fds {2}▁▁ ▁▁ {2}20\.\.20 fds +ok$/);
    expect(lines[2]).toMatch(/^kafka\.lag +.{5} {2}0\.\.5 msgs +ok$/);
  });
});

describe('seriesSvg', () => {
  it('draws a polyline through every point and breaks it at a missing value', () => {
    const svg = seriesSvg([1, 2, Number.NaN, 3, 4], 100, 50);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('points="4.0,46.0 27.0,');
    expect(seriesSvg([5, Number.NaN, 6])).toContain('<circle');
    expect(seriesSvg([5, 5])).toContain(',32.0');
  });
});

describe('renderHtmlReport', () => {
  it('is one page with a chart per series, the growth marked, the table and the summary escaped', () => {
    const html = renderHtmlReport({
      title: 'Soak <test>',
      summary: { rate: 5000, note: '<b>' },
      elapsedSec: [60, 120, 180, 240, 300],
      series: SERIES,
      judgements,
    });
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<div class="chart growth"><h3>producer.rss</h3>');
    expect(html).toContain('<div class="chart ok"><h3>kafka.lag</h3>');
    expect(html).toContain('<title>Soak &lt;test&gt;</title>');
    expect(html).toContain('&quot;note&quot;: &quot;&lt;b&gt;&quot;');
    expect(html.match(/<tr><td>/g)).toHaveLength(5);
    expect(html).not.toContain('<b>');
  });
});
