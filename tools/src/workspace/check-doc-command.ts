import { join, normalize } from 'node:path';
import type { DocCommand } from './doc-commands.js';
import type { NxProject } from './nx-projects.js';

/** What a documented command may name: scripts, projects and targets, files, flags. */
export interface CommandWorld {
  /** The root package.json's scripts. */
  readonly scripts: Readonly<Record<string, string>>;
  readonly projects: readonly NxProject[];
  /** Whether a path relative to the workspace root exists. */
  readonly exists: (path: string) => boolean;
  /** Folders that build targets write (relative to the workspace root): `node apps/x/bundle/main.js` is fine. */
  readonly buildOutputs: readonly string[];
  /** Flags accepted by a command (`npm run demo`, `nx run tools:heatwave`); undefined when not known yet. */
  readonly flagsOf: (command: string) => ReadonlySet<string> | undefined;
}

/** Nx's own commands (`nx graph`), as opposed to `nx <target> <project>`. */
const NX_COMMANDS = new Set([
  'graph',
  'format',
  'format:write',
  'format:check',
  'sync',
  'sync:check',
  'show',
  'reset',
  'report',
  'daemon',
  'list',
  'migrate',
  'watch',
  'release',
  'init',
  'connect',
]);

/** Splits a command into words, honouring quotes (which are removed). */
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** `<a|b>` -> [a, b]; `<project>` -> undefined (any); a plain name -> [name]. */
function alternatives(name: string): string[] | undefined {
  const m = /^<([^>]*)>$/.exec(name);
  if (m === null) return [name];
  return m[1]?.includes('|') === true ? m[1].split('|') : undefined;
}

function checkTarget(world: CommandWorld, project: string, target: string): string[] {
  const projects = alternatives(project);
  const targets = alternatives(target);
  if (targets === undefined) return [];
  const problems: string[] = [];
  for (const t of targets) {
    if (projects === undefined) {
      if (!world.projects.some((p) => p.targets[t] !== undefined))
        problems.push(`no project has a target ${t}`);
      continue;
    }
    for (const name of projects) {
      const p = world.projects.find((x) => x.name === name);
      if (p === undefined) problems.push(`no project ${name}`);
      else if (p.targets[t] === undefined) problems.push(`project ${name} has no target ${t}`);
    }
  }
  return problems;
}

/** Flags after `--` that the command's definition does not name. */
function checkFlags(world: CommandWorld, command: string, args: readonly string[]): string[] {
  const dashDash = args.indexOf('--');
  const accepted = world.flagsOf(command);
  if (dashDash < 0 || accepted === undefined) return [];
  return args
    .slice(dashDash + 1)
    .filter((a) => /^--[a-z]/.test(a))
    .map((a) => a.split('=')[0] ?? a)
    .filter((flag) => !accepted.has(flag))
    .map((flag) => `${command} takes no ${flag}`);
}

/** Values of `-t a b` / `--targets=a,b` style options in an `nx run-many` or `nx affected` command. */
function listOption(args: readonly string[], names: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const inline = names.map((n) => `${n}=`).find((n) => arg.startsWith(n));
    if (inline !== undefined) values.push(...arg.slice(inline.length).split(','));
    else if (names.includes(arg))
      for (let j = i + 1; j < args.length && !(args[j] ?? '-').startsWith('-'); j++)
        values.push(...(args[j] ?? '').split(','));
  }
  return values.filter((v) => v !== '');
}

function checkNx(world: CommandWorld, args: readonly string[]): string[] {
  const [sub, first] = args;
  if (sub === undefined) return [];
  if (sub === 'run') {
    if (first === undefined) return [];
    const [project = '', target = ''] = first.split(':');
    return [
      ...checkTarget(world, project, target),
      ...checkFlags(world, `nx run ${project}:${target}`, args),
    ];
  }
  if (sub === 'run-many' || sub === 'affected') {
    const targets = listOption(args, ['-t', '--targets', '--target']);
    const projects = listOption(args, ['-p', '--projects']);
    return [
      ...targets.flatMap((t) => checkTarget(world, '<project>', t)),
      ...projects.flatMap((p) => (world.projects.some((x) => x.name === p) ? [] : [`no project ${p}`])),
    ];
  }
  if (NX_COMMANDS.has(sub)) return [];
  // `nx api:serve` or `nx test domain`
  if (sub.includes(':')) {
    const [project = '', target = ''] = sub.split(':');
    return checkTarget(world, project, target);
  }
  return first === undefined ? checkTarget(world, '<project>', sub) : checkTarget(world, first, sub);
}

function checkNpm(world: CommandWorld, args: readonly string[], cwd: string): string[] {
  const [sub, script] = args;
  if (sub === 'test') return world.scripts.test === undefined ? ['no root script test'] : [];
  if (sub !== 'run' || script === undefined) return [];
  if (cwd !== '.') return [`npm run ${script} runs in ${cwd}, not at the workspace root`];
  if (world.scripts[script] === undefined) return [`no root script ${script}`];
  return checkFlags(world, `npm run ${script}`, args);
}

/**
 * What is wrong with a documented command: an `npm run` script, Nx project or target, file or flag it names that
 * does not exist. Commands of other tools (docker, oci, terraform) are not checked. Prose placeholders are
 * understood: `<a|b>` means each of a and b, `<project>` any project, `[...]` an optional part.
 */
export function checkDocCommand(command: DocCommand, world: CommandWorld): string[] {
  const all = words(command.fenced ? command.text : command.text.replace(/\[[^\]]*\]/g, ' '));
  const start = all.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
  const [head, ...rest] = start < 0 ? [] : all.slice(start);
  const path = (p: string): string => normalize(join(command.cwd, p));
  switch (head) {
    case 'npm':
      return checkNpm(world, rest, command.cwd);
    case 'npx':
      return rest[0] === 'nx' ? checkNx(world, rest.slice(1)) : [];
    case 'nx':
      return checkNx(world, rest);
    case 'cd':
      return rest[0] === undefined || world.exists(path(rest[0])) ? [] : [`no folder ${path(rest[0])}`];
    case 'node':
    case 'tsx': {
      const file = rest.find((w) => !w.startsWith('-'));
      if (!command.fenced || file === undefined || file.includes('<')) return [];
      const p = path(file);
      const built = world.buildOutputs.some((dir) => p.startsWith(`${dir}/`));
      return world.exists(p) || built ? [] : [`no file ${p}, and no build target writes it`];
    }
    default:
      return [];
  }
}
