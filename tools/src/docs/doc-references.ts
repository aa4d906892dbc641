// What a markdown page cites from the repository: paths, exported names in files, relative links. Used by the test
// that keeps docs/architecture.md in step with the code.

/** Top-level folders whose paths a page may cite; a code span starting with one of them is a repository path. */
const REPO_FOLDERS = ['apps', 'libs', 'tools', 'infra', 'docs', 'datasets'] as const;

const PATH_SPAN = new RegExp(`^(?:${REPO_FOLDERS.join('|')})/[A-Za-z0-9._/-]*$`);
const IDENTIFIER = String.raw`[A-Za-z_$][\w$]*`;
// `A`, `B` and `C` in `path`: names separated by commas, "and" or "or", then " in " and one code span.
const NAMES_IN_FILE = new RegExp(
  String.raw`((?:\x60${IDENTIFIER}\x60(?:,\s+(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+))*\x60${IDENTIFIER}\x60)\s+in\s+\x60([^\x60\s]+)\x60`,
  'g',
);
const LINK = /\]\(([^)\s]+)\)/g;

/** A name a page says a file exports. */
export interface CitedExport {
  readonly name: string;
  readonly path: string;
}

/** Everything {@link docReferences} found. */
export interface DocReferences {
  /** Repository paths in code spans (files or folders), each once. */
  readonly paths: readonly string[];
  /** `` `name` in `path` `` pairs, each once. */
  readonly exports: readonly CitedExport[];
  /** Relative link targets (without `#fragment`), each once; absolute URLs and pure fragments are left out. */
  readonly links: readonly string[];
}

/**
 * Reads the citations of a markdown page. Fenced code blocks are skipped, and so are double-backtick spans, which
 * the page uses to show the citation syntax itself.
 */
export function docReferences(markdown: string): DocReferences {
  const text = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '').replace(/``[^\n]*?``/g, '');
  const paths = new Set<string>();
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    const span = match[1] ?? '';
    if (PATH_SPAN.test(span)) paths.add(span.replace(/\/$/, ''));
  }
  const exports = new Map<string, CitedExport>();
  for (const match of text.matchAll(NAMES_IN_FILE)) {
    const path = match[2] ?? '';
    for (const name of (match[1] ?? '').match(/(?<=`)[^`]+(?=`)/g) ?? []) {
      if (/^[A-Za-z_$][\w$]*$/.test(name)) exports.set(`${name} ${path}`, { name, path });
    }
  }
  const links = new Set<string>();
  for (const match of text.matchAll(LINK)) {
    const target = match[1] ?? '';
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    links.add(target.replace(/#.*$/, ''));
  }
  return { paths: [...paths], exports: [...exports.values()], links: [...links] };
}

const escape = (name: string): string => name.replace(/\$/g, '\\$');

/**
 * Whether TypeScript `source` exports `name`: a declaration (`export const|function|class|interface|type|enum`,
 * also `declare`, `async`, `abstract`, `function*`) or an entry of an `export { ... }` list, re-exports included.
 */
export function exportsName(source: string, name: string): boolean {
  const declaration = new RegExp(
    String.raw`\bexport\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\s*\*?|const|let|var|class|interface|type|enum)\s+${escape(name)}\b`,
  );
  if (declaration.test(source)) return true;
  for (const list of source.matchAll(/\bexport\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const entry of (list[1] ?? '').split(',')) {
      const exported = entry
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1);
      if (exported === name) return true;
    }
  }
  return false;
}
