import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** How far one input file has been loaded and committed. */
export interface FileProgress {
  /** Input file size and mtime when the load started: a changed file starts over. */
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** Records read and settled (loaded or rejected) in committed chunks. */
  readonly recordsDone: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  /** Length of the file's reject file at the last commit; a resumed load truncates it back to this. */
  readonly rejectBytes: number;
  readonly isDone: boolean;
}

/** The checkpoint file: one entry per input file (absolute path). */
export interface CheckpointState {
  readonly version: 1;
  readonly files: Readonly<Record<string, FileProgress>>;
}

/**
 * A checkpoint on disk, rewritten atomically (write + rename) after every committed chunk, so a killed load
 * resumes after the last chunk the database committed and never re-reads what is already stored.
 */
export class LoadCheckpoint {
  private state: CheckpointState = { version: 1, files: {} };
  private writing: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  /** Opens `path`, or starts empty when it does not exist (or `fresh` is set). */
  static async open(path: string, options: { readonly fresh?: boolean } = {}): Promise<LoadCheckpoint> {
    const checkpoint = new LoadCheckpoint(path);
    if (options.fresh !== true && existsSync(path)) {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as CheckpointState;
      if (parsed.version === 1 && typeof parsed.files === 'object') checkpoint.state = parsed;
    }
    return checkpoint;
  }

  /** Progress of `file`, or undefined when it must start from the beginning (unknown or changed since). */
  resumePoint(file: string, sizeBytes: number, mtimeMs: number): FileProgress | undefined {
    const entry = this.state.files[file];
    if (entry === undefined || entry.sizeBytes !== sizeBytes || entry.mtimeMs !== mtimeMs) return undefined;
    return entry;
  }

  /** Records progress of one file and writes the checkpoint file. */
  async record(file: string, progress: FileProgress): Promise<void> {
    this.state = { ...this.state, files: { ...this.state.files, [file]: progress } };
    const snapshot = JSON.stringify(this.state, null, 2);
    // Writes are chained so that an older snapshot never overwrites a newer one.
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(`${this.path}.tmp`, snapshot);
      await rename(`${this.path}.tmp`, this.path);
    });
    await this.writing;
  }
}
