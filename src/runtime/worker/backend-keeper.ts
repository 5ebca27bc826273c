/**
 * The worker's backend: chooses it, switches it (moving the loaded networks, or staying where they are
 * when one cannot move), and recovers from a lost GPU device on the next backend. The networks are kept
 * by network-registry.ts; this side only asks them to be rebuilt, swapped in or let go.
 */
import { BACKEND_TITLES } from '../backends/select.ts';
import { asFailure, InferenceFailure } from './errors.ts';
import { failureDetailOf, type FailureDetail } from '../failure-words.ts';
import { disposeQuietly, type Rebuilt } from './rebuild.ts';
import type { ServiceDependencies } from './service-dependencies.ts';
import type { TaskQueue } from './task-queue.ts';
import type { BackendChoice, BackendName, BackendReport, InferenceNetwork } from './protocol.ts';

/** What the keeper needs of the loaded networks (NetworkRegistry). */
export interface KeptNetworks {
  /** Builds every loaded network again on the backend now active; the old builds stay. */
  rebuild(): Promise<Rebuilt>;
  /** Replaces the old builds with the rebuilt ones (on `active`), unloading those not rebuilt. */
  swapIn(rebuilt: Rebuilt, active: BackendName): Promise<void>;
  /** Lets every network go, telling the pages. */
  unloadAll(): Promise<void>;
  titleOf(network: InferenceNetwork): string;
}

export interface KeeperDependencies extends ServiceDependencies {
  /** The service's queue itself: recovery goes first, and a task stuck on a lost device is abandoned. */
  tasks: TaskQueue;
  networks: KeptNetworks;
}

export class BackendKeeper {
  private current: BackendReport = { choice: 'auto', active: undefined, skipped: [] };
  private readonly lostBackends: BackendName[] = [];
  /** Counts lost devices: work begun before the last loss must not register what it built. */
  private devicesLost = 0;

  constructor(private readonly deps: KeeperDependencies) {}

  /** What the backend panel is told: the choice, the active backend and why it last stopped. */
  report(): BackendReport {
    return this.current;
  }

  epoch(): number {
    return this.devicesLost;
  }

  setBackend(choice: BackendChoice): Promise<BackendReport> {
    return this.deps.serial(() => this.switchBackend(choice));
  }

  /** Starts the chosen backend when none is active (the first build, or after no backend started). */
  async activate(): Promise<void> {
    if (!this.current.active) await this.switchBackend(this.current.choice);
  }

  /**
   * Activates `choice` and moves the loaded networks to it: each is built on the new backend before its
   * old build is disposed. If one cannot be built, the switch is undone (the previous backend, which
   * still holds the networks, is made current again) and the failure says why, so the backend panel and
   * the weights cards keep telling the same story.
   */
  private async switchBackend(choice: BackendChoice): Promise<BackendReport> {
    const { networks, runtime } = this.deps;
    const previous = this.current;
    const epoch = this.devicesLost;
    const selected = await this.select(choice);
    const rebuilt = await networks.rebuild();
    if (epoch !== this.devicesLost) {
      for (const { built } of rebuilt.built.values()) disposeQuietly(built);
      throw new InferenceFailure('backend', {
        code: 'worker.backend-lost-moving',
        params: { backend: BACKEND_TITLES[selected.active!] },
      });
    }
    const [network, failure] = [...rebuilt.failed][0] ?? [];
    if (network && failure) {
      for (const { built } of rebuilt.built.values()) disposeQuietly(built);
      const target = BACKEND_TITLES[selected.active!];
      if (previous.active && previous.active !== selected.active) {
        await runtime.selectBackend(previous.active, this.lostBackends).catch(() => undefined);
        this.current = previous;
      }
      const staying = previous.active ? { staying: BACKEND_TITLES[previous.active] } : {};
      throw new InferenceFailure(
        'backend',
        {
          code: 'worker.not-moved',
          params: {
            network: networks.titleOf(network),
            backend: target,
            cause: failure.detail,
            ...staying,
          },
        },
        failure.reason,
      );
    }
    this.current = selected;
    await networks.swapIn(rebuilt, this.current.active!);
    this.deps.emit({ kind: 'backend', report: this.current });
    return this.current;
  }

  private async select(choice: BackendChoice): Promise<BackendReport> {
    try {
      return await this.deps.runtime.selectBackend(choice, this.lostBackends);
    } catch (error) {
      throw new InferenceFailure('backend', failureDetailOf(error));
    }
  }

  /**
   * The GPU under the running backend is gone. Whatever runs now may wait on it forever (a kernel's
   * fence that never signals): it is failed at once, and recovery goes first, not behind it.
   */
  onDeviceLost(backend: BackendName, cause: FailureDetail): void {
    const { tasks } = this.deps;
    if (!this.lostBackends.includes(backend)) this.lostBackends.push(backend);
    this.devicesLost++;
    const stuck = tasks.busy;
    void tasks.run(() => this.recover(backend, cause), { first: true }).catch(() => undefined);
    if (stuck)
      tasks.abandonRunning(
        new InferenceFailure('backend', {
          code: 'worker.backend-lost-task',
          params: { backend: BACKEND_TITLES[backend], cause },
        }),
      );
  }

  private async recover(backend: BackendName, cause: FailureDetail): Promise<void> {
    const { networks } = this.deps;
    let selected: BackendReport;
    try {
      selected = await this.select(this.current.choice === backend ? 'auto' : this.current.choice);
    } catch (error) {
      await networks.unloadAll();
      this.current = {
        ...this.current,
        active: undefined,
        notice: {
          code: 'backend.none-started',
          params: { backend: BACKEND_TITLES[backend], cause, error: asFailure(error).detail },
        },
      };
      this.deps.emit({ kind: 'backend', report: this.current });
      return;
    }
    const rebuilt = await networks.rebuild();
    const failed = [...rebuilt.failed].map(([network, failure]) => ({
      network: networks.titleOf(network),
      cause: failureDetailOf(failure),
    }));
    this.current = {
      ...selected,
      notice: {
        code: 'backend.moved',
        params: { backend: BACKEND_TITLES[backend], cause, now: BACKEND_TITLES[selected.active!], failed },
      },
    };
    await networks.swapIn(rebuilt, this.current.active!);
    this.deps.emit({ kind: 'backend', report: this.current });
  }
}
