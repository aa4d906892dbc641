import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A command that a document tells the reader to type. */
export interface DocCommand {
  /** File relative to the workspace root, and 1-based line where the command starts. */
  readonly file: string;
  readonly line: number;
  /** One simple command: no `&&`, `;` or ` | `; comments, `$ ` prompts and line continuations removed. */
  readonly text: string;
  /** Folder the command runs in, relative to the workspace root, after the `cd`s before it on its line. */
  readonly cwd: string;
  /** Whether it comes from a fenced shell block (every line) or an inline code span of prose. */
  readonly fenced: boolean;
}

const SHELL_FENCES = new Set(['sh', 'bash', 'console', 'shell']);
/** Folders never scanned: dependencies, build output, local state. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'bundle', '.local', '.nx', '.git', 'cdktf.out', '.gen']);
/** Inline spans that are commands of this repository (anything else in backticks is prose). */
const INLINE_COMMAND = /^(?:npx nx|nx|npm run|npm test|npm ci)(?:\s|$)/;

/** Every README.md of the workspace and every Markdown file under docs/ (ADRs included). */
export function documentFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name));
        continue;
      }
      const file = relative(root, join(dir, entry.name));
      if (entry.name === 'README.md' || (file.startsWith('docs/') && entry.name.endsWith('.md')))
        found.push(file);
    }
  };
  walk(root);
  return found.sort();
}

/** `cmd # note` -> `cmd`: a `#` after whitespace and outside quotes starts a comment. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i);
  }
  return line;
}

/** Splits a shell line into simple commands at `&&`, `||`, `;` and ` | ` outside quotes, tracking `cd`. */
function simpleCommands(line: string): { text: string; cwd: string }[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    const two = line.slice(i, i + 2);
    const cut = two === '&&' || two === '||' ? 2 : c === ';' || line.slice(i - 1, i + 2) === ' | ' ? 1 : 0;
    if (cut > 0) {
      parts.push(line.slice(start, i));
      start = i + cut;
      i += cut - 1;
    }
  }
  parts.push(line.slice(start));
  let cwd = '.';
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((text) => {
      const here = cwd;
      const cd = /^cd\s+(\S+)$/.exec(text);
      if (cd?.[1] !== undefined) cwd = join(cwd, cd[1]);
      return { text, cwd: here };
    });
}

/** The commands of one Markdown document: every line of its shell fences, and inline spans that are commands. */
export function documentCommands(file: string, markdown: string): DocCommand[] {
  const commands: DocCommand[] = [];
  const lines = markdown.split('\n');
  let fence: { lang: string; marker: string } | undefined;
  let pending = '';
  let pendingLine = 0;
  const add = (text: string, line: number, fenced: boolean): void => {
    for (const c of simpleCommands(text)) commands.push({ file, line, ...c, fenced });
  };
  lines.forEach((raw, index) => {
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(raw);
    if (fence === undefined && open !== null) {
      fence = { lang: (open[2] ?? '').toLowerCase(), marker: open[1] ?? '```' };
      return;
    }
    if (fence !== undefined) {
      if (raw.trim().startsWith(fence.marker)) {
        fence = undefined;
        return;
      }
      if (!SHELL_FENCES.has(fence.lang)) return;
      const line = stripComment(raw.replace(/^\s*\$ /, '')).trimEnd();
      if (pending === '') pendingLine = index + 1;
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1).trim()} `;
        return;
      }
      const whole = (pending + line.trim()).trim();
      pending = '';
      if (whole !== '') add(whole, pendingLine, true);
    }
  });
  // Inline spans may wrap across lines of a paragraph; fences were handled above and are blanked out here.
  let inFence = false;
  const prose = lines
    .map((l) => {
      if (/^\s*(`{3,}|~{3,})/.test(l)) inFence = !inFence;
      return inFence || /^\s*(`{3,}|~{3,})/.test(l) ? '' : l;
    })
    .join('\n');
  for (const m of prose.matchAll(/`([^`]+)`/g)) {
    const span = (m[1] ?? '').replace(/\s*\n\s*/g, ' ').trim();
    if (!INLINE_COMMAND.test(span)) continue;
    const line = prose.slice(0, m.index).split('\n').length;
    add(span, line, false);
  }
  return commands;
}

/** Every command of every document of the workspace. */
export function workspaceDocCommands(root: string): DocCommand[] {
  return documentFiles(root).flatMap((f) => documentCommands(f, readFileSync(join(root, f), 'utf8')));
}
