/** One thing a local stack stops: an emulator, a server, deliveries under way. */
interface StopStep {
  readonly name: string;
  readonly stop: () => Promise<void>;
}

/**
 * What a local stack must stop, stopped in the reverse order of starting. Each step gets `boundMs`: a step
 * still stopping after that is named on stderr and left behind, so one stuck emulator neither hangs the
 * caller (a test's teardown, Ctrl-C of `npm start`) nor keeps the steps after it from running.
 */
export class StopSteps {
  private readonly steps: StopStep[] = [];

  constructor(
    private readonly boundMs = 15_000,
    private readonly warn: (message: string) => void = console.error,
  ) {}

  add(name: string, stop: () => Promise<void>): void {
    this.steps.push({ name, stop });
  }

  async stopAll(): Promise<void> {
    const steps = this.steps.splice(0).reverse();
    for (const step of steps) await this.stopOne(step);
  }

  private async stopOne(step: StopStep): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<'overdue'>((resolve) => {
      timer = setTimeout(() => resolve('overdue'), this.boundMs);
    });
    const stopped = step.stop().then(
      () => 'stopped' as const,
      (error: unknown) => {
        this.warn(`Local stack: stopping ${step.name} failed: ${(error as Error).message ?? error}`);
        return 'stopped' as const;
      },
    );
    const outcome = await Promise.race([stopped, overdue]);
    clearTimeout(timer);
    if (outcome === 'overdue')
      this.warn(
        `Local stack: ${step.name} did not stop within ${this.boundMs / 1000} s; going on without it`,
      );
  }
}
