/**
 * `npx nx run <app>:image`: writes the build context of an app's container image into apps/<app>/dist/image
 * (see tools/README.md, "Images"). Usage: tsx tools/src/images/cli.ts <api|producer|db-bootstrap>.
 * Exit codes: 0 written, 1 failed, 2 bad usage.
 */
import { defineCommand, defineGroup, runCli } from '@lakehouse/cli';
import { WORKSPACE_ROOT } from '@lakehouse/local-stack';
import { relative } from 'node:path';
import { IMAGE_APPS, imageApp } from './image-apps.js';
import { writeImageContext } from './write-image-context.js';

const IMAGES_COMMAND = defineGroup({
  name: 'images',
  invocation: 'tsx tools/src/images/cli.ts',
  summary: "Writes the build context of an app's container image into apps/<app>/dist/image.",
  subcommands: IMAGE_APPS.map((a) =>
    defineCommand({ name: a.app, summary: `the image of apps/${a.app}`, build: () => a.app }),
  ),
});

process.exitCode = await runCli(IMAGES_COMMAND, process.argv.slice(2), (name) => {
  const context = writeImageContext(WORKSPACE_ROOT, imageApp(name));
  const dir = relative(process.cwd(), context.dir) || '.';
  console.error(
    `${name}: image context in ${dir} (${String(Object.keys(context.dependencies).length)} dependencies, ${String(context.packages)} packages from the lock file, MySQL CA bundle ${context.hasMysqlCa ? 'included' : 'not included'})`,
  );
  console.error(`build and push it (Container Instances shapes are x86-64):`);
  console.error(
    `  docker build --platform linux/amd64 -t <region>.ocir.io/<namespace>/lakehouse/${name}:<tag> ${dir}`,
  );
});
