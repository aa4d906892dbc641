/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, the DATETIME(3) text form. */
export function formatUtcDateTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
