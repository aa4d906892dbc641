// MySQL HeatWave version strings, read and ordered for the feature gates of heatwave-features.ts.
import { UpstreamError } from '@lakehouse/runtime';

/** A MySQL (HeatWave) server version such as `8.4.4`, `9.3.1-cloud` or `8.0.36-u2-cloud`. */
export interface MysqlVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** HeatWave update number, the `N` of `-uN` (`8.0.36-u2` -> 2); 0 when the version has none. */
  readonly update: number;
  /** The text it was read from. */
  readonly text: string;
}

// major.minor[.patch][-uN][-anything]: `-cloud`, `-commercial`, `-log` and the like are ignored.
const VERSION_PATTERN =
  /^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?(?:-u(\d{1,3}))?(?:-[0-9A-Za-z][0-9A-Za-z.+-]*)?$/;

/**
 * Reads a MySQL HeatWave version string (`SELECT VERSION()` or a Terraform `mysql_version`). A version without
 * a patch number (`8.4`) reads as its first release (`8.4.0`), so a gate never assumes more than it knows.
 * Throws HEATWAVE_VERSION_UNSUPPORTED for anything else, MariaDB included.
 */
export function parseMysqlVersion(text: string): MysqlVersion {
  const match = VERSION_PATTERN.exec(text.trim());
  if (match === null || /mariadb/i.test(text)) {
    throw new UpstreamError(
      'HEATWAVE_VERSION_UNSUPPORTED',
      `not a MySQL HeatWave version: ${JSON.stringify(text)} (expected e.g. 8.4.4, 9.3.1-cloud or 8.0.36-u2-cloud)`,
      { context: { version: text } },
    );
  }
  const [, major, minor, patch, update] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch ?? 0),
    update: Number(update ?? 0),
    text: text.trim(),
  };
}

/** Negative when `a` is older than `b`, 0 when they are the same release, positive when `a` is newer. */
export function compareMysqlVersions(a: MysqlVersion, b: MysqlVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || a.update - b.update;
}
