import { WORKSPACE_ROOT } from '@lakehouse/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocCommand, type CommandWorld } from './check-doc-command.js';
import { CLI_FLAG_SOURCES } from './doc-command-flags.js';
import { documentCommands, workspaceDocCommands } from './doc-commands.js';
import { readNxProjects, readRootScripts, resolvedOptions } from './nx-projects.js';

describe('documentCommands', () => {
  const markdown = [
    'Run `npm run demo -- --duration 10` or `npx nx run',
    'api:serve`; `docker build` is not ours.',
    '```sh',
    '$ npm run stack -- up   # start it',
    'cd apps/api/web && npx vite',
    'npx nx run sql:bench | grep "^{" | tail -1',
    'MYSQL_HOST=127.0.0.1 \\',
    '  node apps/x/bundle/main.js',
    '```',
    '```ts',
    'npm run not-a-command',
    '```',
  ].join('\n');
  const commands = documentCommands('README.md', markdown);

  it('takes every line of shell fences, without prompts, comments or continuations, split into simple commands', () => {
    expect(commands.filter((c) => c.fenced).map((c) => [c.line, c.text, c.cwd])).toEqual([
      [4, 'npm run stack -- up', '.'],
      [5, 'cd apps/api/web', '.'],
      [5, 'npx vite', 'apps/api/web'],
      [6, 'npx nx run sql:bench', '.'],
      [6, 'grep "^{"', '.'],
      [6, 'tail -1', '.'],
      [7, 'MYSQL_HOST=127.0.0.1 node apps/x/bundle/main.js', '.'],
    ]);
  });

  it('takes inline spans of prose that are npm or Nx commands, also when they wrap, and nothing from other fences', () => {
    expect(commands.filter((c) => !c.fenced).map((c) => [c.line, c.text])).toEqual([
      [1, 'npm run demo -- --duration 10'],
      [1, 'npx nx run api:serve'],
    ]);
  });
});

describe('checkDocCommand', () => {
  const world: CommandWorld = {
    scripts: { demo: 'tsx demo.ts', test: 'nx run-many' },
    projects: [
      { name: 'api', root: 'apps/api', tags: [], targets: { serve: {}, build: {} } },
      { name: 'sql', root: 'libs/sql', tags: [], targets: { test: {}, bench: {} } },
    ],
    exists: (p) => ['apps/api', 'apps/api/web'].includes(p),
    buildOutputs: ['apps/api/bundle'],
    flagsOf: (c) => (c === 'npm run demo' ? new Set(['--duration']) : undefined),
  };
  const check = (text: string, fenced = true, cwd = '.'): string[] =>
    checkDocCommand({ file: 'README.md', line: 1, text, cwd, fenced }, world);

  it('accepts scripts, targets, files and flags that exist', () => {
    for (const ok of [
      'npm run demo -- --duration=10',
      'npm test',
      'npx nx run api:serve',
      'npx nx run <api|sql>:<target>',
      'npx nx run <project>:bench [-- --rows N]',
      'nx run-many -t serve test -p api sql',
      'npx nx test sql',
      'npx nx api:build',
      'npx nx graph',
      'cd apps/api/web',
      'A=1 node apps/api/bundle/main.js',
      'docker build .',
    ])
      expect(check(ok, !ok.includes('[')), ok).toEqual([]);
  });

  it('names the script, project, target, file or flag that does not exist', () => {
    expect(check('npm run demos')).toEqual(['no root script demos']);
    expect(check('npm run demo -- --durations 3')).toEqual(['npm run demo takes no --durations']);
    expect(check('npm run demo', true, 'apps/api')).toEqual([
      'npm run demo runs in apps/api, not at the workspace root',
    ]);
    expect(check('npx nx run api:bundle')).toEqual(['project api has no target bundle']);
    expect(check('npx nx run web:serve')).toEqual(['no project web']);
    expect(check('npx nx run <api|sql>:serve')).toEqual(['project sql has no target serve']);
    expect(check('nx run-many -t bundle -p api ml')).toEqual([
      'no project has a target bundle',
      'no project ml',
    ]);
    expect(check('npx nx tset sql')).toEqual(['project sql has no target tset']);
    expect(check('cd apps/web')).toEqual(['no folder apps/web']);
    expect(check('node apps/api/dist/main.js')).toEqual([
      'no file apps/api/dist/main.js, and no build target writes it',
    ]);
  });
});

describe('the workspace', () => {
  const projects = readNxProjects(WORKSPACE_ROOT);

  it('gives every project one type: tag and one scope: tag, so both boundary rules apply to it', () => {
    const bad = projects.filter(
      (p) =>
        p.tags.filter((t) => t.startsWith('type:')).length !== 1 ||
        p.tags.filter((t) => t.startsWith('scope:')).length !== 1,
    );
    expect(bad.map((p) => p.name)).toEqual([]);
  });

  it('has a build target for every app', () => {
    expect(projects.filter((p) => p.root.startsWith('apps/') && p.targets.build === undefined)).toEqual([]);
  });

  it('names, in every README and ADR, only scripts, targets, files and flags that exist', () => {
    const flags = new Map(Object.entries(CLI_FLAG_SOURCES).map(([command, flagsOf]) => [command, flagsOf()]));
    const world: CommandWorld = {
      scripts: readRootScripts(WORKSPACE_ROOT),
      projects,
      exists: (p) => existsSync(join(WORKSPACE_ROOT, p)),
      buildOutputs: projects
        .filter((p) => p.targets.build?.executor === '@nx/esbuild:esbuild')
        .map((p) => String(resolvedOptions(WORKSPACE_ROOT, p, 'build').outputPath)),
      flagsOf: (command) => flags.get(command),
    };
    const commands = workspaceDocCommands(WORKSPACE_ROOT);
    expect(commands.length).toBeGreaterThan(100);
    const problems = commands.flatMap((c) =>
      checkDocCommand(c, world).map((p) => `${c.file}:${String(c.line)}: ${c.text}: ${p}`),
    );
    expect(problems).toEqual([]);
  });
});
