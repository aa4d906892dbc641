/** One Dockerfile instruction, continuation lines joined. */
export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, COPY, ENV, USER, EXPOSE, ENTRYPOINT, ... */
  readonly keyword: string;
  readonly args: string;
  /** Index of the build stage it belongs to (0 before and at the first FROM); -1 for ARGs before any FROM. */
  readonly stage: number;
  /** 1-based line where it starts. */
  readonly line: number;
}

/** Splits a Dockerfile into instructions: comments and blank lines dropped, `\` continuations joined. */
export function parseDockerfile(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  let stage = -1;
  let pending: { text: string; line: number } | undefined;
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const trimmed = raw.trim();
    if (pending === undefined && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (pending !== undefined && trimmed.startsWith('#')) continue;
    const continues = trimmed.endsWith('\\');
    const part = continues ? trimmed.slice(0, -1).trim() : trimmed;
    pending =
      pending === undefined
        ? { text: part, line: index + 1 }
        : { text: `${pending.text} ${part}`, line: pending.line };
    if (continues) continue;
    const match = /^(\S+)\s*(.*)$/s.exec(pending.text);
    const keyword = (match?.[1] ?? '').toUpperCase();
    if (keyword === 'FROM') stage += 1;
    out.push({ keyword, args: (match?.[2] ?? '').trim(), stage, line: pending.line });
    pending = undefined;
  }
  return out;
}

/** The instructions of the last build stage: what the image that runs is made of. */
export function finalStage(instructions: readonly DockerInstruction[]): DockerInstruction[] {
  const last = Math.max(...instructions.map((i) => i.stage));
  return instructions.filter((i) => i.stage === last);
}

/** `KEY=value KEY2="v 2"` or the legacy `KEY value` of ENV / ARG, as name -> value (undefined: no default). */
export function keyValues(args: string): Record<string, string | undefined> {
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+([^=].*)$/s.exec(args);
  if (legacy?.[1] !== undefined && !args.includes('=')) return { [legacy[1]]: legacy[2] };
  const out: Record<string, string | undefined> = {};
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    const [, name = '', value] = m;
    out[name] = value === undefined ? undefined : value.replace(/^(["'])(.*)\1$/s, '$2');
  }
  return out;
}

/** The exec form of ENTRYPOINT / CMD (`["node", "bundle/main.js"]`); undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? parsed : undefined;
}
