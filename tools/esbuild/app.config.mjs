// esbuild settings shared by every app's `build` target (@nx/esbuild, options in nx.json's targetDefaults). Workspace
// libraries are bundled from their TypeScript sources (the `@lakehouse/source` export condition); which packages stay
// external is the target's `thirdParty` option.
import { chmodSync, openSync, readSync, closeSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Whether the file starts with `#!` (esbuild keeps an entry's hashbang line). */
function hasHashbang(file) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head.toString() === '#!';
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes every output that starts with a hashbang executable, so that a package.json `bin` naming it (bulk-load's
 * `bundle/main.js`) runs as a command: esbuild writes plain 0644 files, and the build deletes the previous output.
 */
const executableEntries = {
  name: 'executable-entries',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const { outdir, outfile } = build.initialOptions;
      const files = outfile
        ? [outfile]
        : readdirSync(outdir)
            .filter((f) => f.endsWith('.js'))
            .map((f) => join(outdir, f));
      for (const file of files) if (hasHashbang(file)) chmodSync(file, 0o755);
    });
  },
};

export default {
  conditions: ['@lakehouse/source'],
  logLevel: 'warning',
  plugins: [executableEntries],
};
