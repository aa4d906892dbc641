import { h, replaceChildren } from '../../dom.js';

/** Time ranges offered, ending at the asset's latest reading. */
export const RANGES = [
  { label: '1 h', ms: 3_600_000 },
  { label: '6 h', ms: 6 * 3_600_000 },
  { label: '24 h', ms: 24 * 3_600_000 },
  { label: '7 d', ms: 7 * 24 * 3_600_000 },
] as const;

/** The range shown first: a day. */
export const DEFAULT_RANGE_MS: number = RANGES[2].ms;

/** A row of toggle buttons, one per {@link RANGES} entry; exactly one is pressed. */
export interface RangePicker {
  readonly element: HTMLElement;
  /** The range pressed now, in ms. */
  readonly rangeMs: number;
}

/** Creates the picker; `onChange` runs after the user pressed another range. */
export function createRangePicker(
  onChange: (rangeMs: number) => void,
  initialMs = DEFAULT_RANGE_MS,
): RangePicker {
  const element = h('div', { class: 'segmented', attrs: { role: 'group', 'aria-label': 'Time range' } });
  let rangeMs = initialMs;

  function render(): void {
    replaceChildren(
      element,
      ...RANGES.map((range) =>
        h(
          'button',
          {
            class: range.ms === rangeMs ? 'active' : '',
            attrs: { type: 'button', 'aria-pressed': String(range.ms === rangeMs) },
            onClick: () => {
              rangeMs = range.ms;
              render();
              onChange(rangeMs);
            },
          },
          range.label,
        ),
      ),
    );
  }

  render();
  return {
    element,
    get rangeMs() {
      return rangeMs;
    },
  };
}
