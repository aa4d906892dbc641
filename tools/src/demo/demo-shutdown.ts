import type { DemoService } from './demo-processes.js';
import { liveChildGroups, signalGroup } from './demo-processes.js';

/**
 * How the demo was asked to stop: Ctrl-C (SIGINT), SIGTERM (kill, a supervisor), SIGHUP (the terminal closed), or
 * the output pipe closed (`npm run demo | head -5`: the next write fails with EPIPE).
 */
export type StopKind = 'interrupt' | 'terminate' | 'hangup' | 'output-closed';

/** The signals the demo handles, and the stop each one means. */
export const STOP_SIGNALS = {
  SIGINT: 'interrupt',
  SIGTERM: 'terminate',
  SIGHUP: 'hangup',
} as const satisfies Record<string, StopKind>;

/** What to do for a stop. */
export interface ShutdownPlan {
  readonly kind: StopKind;
  /**
   * `orderly`: stop the services in order (SIGTERM, wait), print the totals, stop the stack if the demo started it.
   * `forced`: a second Ctrl-C or SIGTERM: SIGKILL every child group now, skip the totals, still stop the stack.
   * `exit`: a third one: exit at once (the stack may be left running; the user insisted).
   * `none`: already stopping this way (a repeated EPIPE or SIGHUP): nothing new to do.
   */
  readonly action: 'orderly' | 'forced' | 'exit' | 'none';
  /** Stop the local stack at the end: only when this run started it. */
  readonly stopStack: boolean;
  /** Whether anything may still be printed: not once the terminal or the pipe is gone. */
  readonly canPrint: boolean;
  /** The exit code of the run: 128 + the signal's number (SIGPIPE's for a closed pipe), as a shell reports it. */
  readonly exitCode: number;
}

const EXIT_CODES: Readonly<Record<StopKind, number>> = {
  interrupt: 130,
  terminate: 143,
  hangup: 129,
  'output-closed': 141,
};

/** A stop the user repeats to insist (a closed terminal or pipe "repeats" by itself, on every write). */
const isInsisting = (kind: StopKind): boolean => kind === 'interrupt' || kind === 'terminate';

/**
 * The plan for a stop of `kind`, given the stops already received (oldest first) and whether this run started the
 * stack. The first stop of any kind is orderly; after it, a closed terminal or pipe changes nothing but the output,
 * while each Ctrl-C or SIGTERM escalates: the second request forces, the third exits. The exit code is the first
 * stop's. Pure: {@link DemoShutdown} and the tests share it.
 */
export function shutdownPlan(
  kind: StopKind,
  state: { readonly hasStartedStack: boolean; readonly earlier: readonly StopKind[] },
): ShutdownPlan {
  const { earlier } = state;
  const requests = earlier.length === 0 ? 0 : 1 + earlier.slice(1).filter(isInsisting).length;
  const action: ShutdownPlan['action'] =
    requests === 0 ? 'orderly' : !isInsisting(kind) ? 'none' : requests === 1 ? 'forced' : 'exit';
  return {
    kind,
    action,
    stopStack: state.hasStartedStack,
    canPrint: ![...earlier, kind].some((k) => k === 'hangup' || k === 'output-closed'),
    exitCode: EXIT_CODES[earlier[0] ?? kind],
  };
}

/** Options of {@link DemoShutdown}. */
export interface DemoShutdownOptions {
  /** Whether this run started the stack (read at the stop, as it is known only after the check). */
  readonly hasStartedStack: () => boolean;
  /** Where lines go. @default process.stdout */
  readonly stdout?: NodeJS.WritableStream;
  /** Ends the process (a third Ctrl-C). @default process.exit */
  readonly exit?: (code: number) => void;
}

/**
 * The demo's stop handling: one place that turns SIGINT, SIGTERM, SIGHUP and a closed output into a
 * {@link ShutdownPlan}, aborts {@link signal} (steps and the status screen end; one-shot children get SIGTERM) and
 * prints only while there is somewhere to print. Without it a closed pipe crashed the demo on its next line (an
 * unhandled EPIPE), the 'exit' hook killed the services but nothing stopped the stack it had started, and SIGHUP
 * killed the demo the same way.
 */
export class DemoShutdown {
  readonly #controller = new AbortController();
  readonly #stops: StopKind[] = [];
  readonly #stdout: NodeJS.WritableStream;
  readonly #exit: (code: number) => void;
  #canPrint = true;
  #plan: ShutdownPlan | undefined;
  #isForced = false;
  readonly #onSignal = (signal: NodeJS.Signals): void => {
    this.stop(STOP_SIGNALS[signal as keyof typeof STOP_SIGNALS]);
  };
  readonly #onOutputError = (err: NodeJS.ErrnoException): void => {
    // EPIPE: the reader of the pipe is gone; EIO: the terminal is. Either way nothing can be printed any more.
    this.#canPrint = false;
    if (err.code === 'EPIPE' || err.code === 'EIO' || err.code === 'ERR_STREAM_DESTROYED')
      this.stop('output-closed');
  };
  readonly #onExit = (): void => {
    for (const pid of liveChildGroups()) signalGroup(pid, 'SIGKILL');
  };

  constructor(private readonly options: DemoShutdownOptions) {
    this.#stdout = options.stdout ?? process.stdout;
    this.#exit = options.exit ?? ((code) => process.exit(code));
  }

  /** Aborted at the first stop. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The plan of the first stop, or undefined while nothing asked the demo to stop. */
  get plan(): ShutdownPlan | undefined {
    return this.#plan;
  }

  /** Whether the orderly steps should be cut short (a second Ctrl-C). */
  get isForced(): boolean {
    return this.#isForced;
  }

  /** Starts listening for the stops; call {@link uninstall} when the run is over. */
  install(): this {
    for (const signal of Object.keys(STOP_SIGNALS)) process.on(signal, this.#onSignal);
    this.#stdout.on('error', this.#onOutputError);
    process.stderr.on('error', this.#onOutputError);
    process.on('exit', this.#onExit);
    return this;
  }

  /** Stops listening for signals. The output error listeners and the exit hook stay: a late write to a closed pipe
   * must not crash the exit, and whatever child is still alive at exit is killed. */
  uninstall(): void {
    for (const signal of Object.keys(STOP_SIGNALS)) process.off(signal, this.#onSignal);
  }

  /** Prints a line while the output is there; after that, drops it. */
  readonly say = (line: string): void => {
    if (this.#canPrint) this.#stdout.write(`${line}\n`);
  };

  /** Handles one stop (also called by the signal handlers); returns its plan. */
  stop(kind: StopKind): ShutdownPlan {
    const plan = shutdownPlan(kind, {
      hasStartedStack: this.options.hasStartedStack(),
      earlier: this.#stops,
    });
    this.#stops.push(kind);
    this.#plan ??= plan;
    if (!plan.canPrint) this.#canPrint = false;
    if (plan.action === 'orderly') {
      this.say(`\nstopping (${kind === 'interrupt' ? 'Ctrl-C again to force' : kind})...`);
      this.#controller.abort();
    } else if (plan.action === 'forced') {
      this.#isForced = true;
      this.say('forcing: killing every child process now (once more to exit at once)');
      for (const pid of liveChildGroups()) signalGroup(pid, 'SIGKILL');
    } else if (plan.action === 'exit') {
      this.#exit(plan.exitCode);
    }
    return plan;
  }
}

/**
 * Stops the services in their order (producer first, so it flushes; then the runner, then the API), each with
 * SIGTERM to its process group and SIGKILL after a grace period; a forced stop kills all of them at once.
 */
export async function stopServices(
  services: readonly DemoService[],
  shutdown: Pick<DemoShutdown, 'isForced'>,
): Promise<void> {
  for (const service of services) {
    if (shutdown.isForced) signalGroup(service.child.pid, 'SIGKILL');
    await service.stop(shutdown.isForced ? 0 : undefined);
  }
}
