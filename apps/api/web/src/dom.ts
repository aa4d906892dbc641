/** What may be put inside an element: nodes, text, or nothing (`null`, `undefined`, `false` are skipped). */
export type Child = Node | string | number | null | undefined | false;

/** Properties of {@link h}: class, attributes, data attributes and a click handler. */
export interface ElementProps {
  readonly class?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly data?: Readonly<Record<string, string>>;
  readonly onClick?: (event: Event) => void;
}

/**
 * Creates an element. Text is always set as text (never parsed as HTML), so values from the API cannot inject
 * markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class !== undefined) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const [name, value] of Object.entries(props.data ?? {})) element.dataset[name] = value;
  if (props.onClick !== undefined) element.addEventListener('click', props.onClick);
  append(element, children);
  return element;
}

/** Appends children, skipping empty ones. */
export function append(parent: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
