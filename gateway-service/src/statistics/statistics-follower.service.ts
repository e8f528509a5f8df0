import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SCAN_PAGE_LINES } from '../events/event-log';
import { EventListenerService } from '../events/event-listener.service';
import { Change, changesOf } from './event-changes';
import { StatisticsStore } from './statistics-store';

/**
 * Keeps the statistics up to date from this gateway's event log (every event
 * of the channel): at start it catches up from the last event counted, then
 * counts each new event as it is stored. A page of events and the position
 * after it are written in one batch, so a restart resumes where the last
 * batch ended, and no event counts twice.
 */
@Injectable()
export class StatisticsFollower implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StatisticsFollower.name);
  private seq = 0;
  private running?: Promise<void>;
  /** An event arrived while a catch-up was running: run once more after it. */
  private again = false;
  private stopped = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly events: EventListenerService,
    @Inject(StatisticsStore) private readonly store: StatisticsStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.seq = await this.startingSeq();
    this.unsubscribe = this.events.log.subscribe(() => {
      this.catchUp();
    });
    this.catchUp();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.running;
  }

  /** Resolves once every event stored so far is counted (for tests and orderly stops). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private catchUp(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.countNewEvents()
      .catch((error: unknown) => {
        // The next event tries again from the last batch written; a stop may close the log under a catch-up.
        if (!this.stopped) this.logger.error(`statistics stopped at event ${this.seq}: ${(error as Error).message}`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) this.catchUp();
      });
  }

  private async countNewEvents(): Promise<void> {
    const log = this.events.log;
    while (!this.stopped && this.seq < log.lastSeq) {
      const { events, through } = log.scan(this.seq, {}, { lines: SCAN_PAGE_LINES });
      const changes: Change[] = [];
      let unreadable = 0;
      for (const event of events) {
        const eventChanges = changesOf(event);
        if (eventChanges) changes.push(...eventChanges);
        else unreadable += 1;
      }
      const last = events[events.length - 1];
      await this.store.apply(changes, { seq: through, blockNumber: last.blockNumber, transactionId: last.transactionId });
      this.seq = through;
      if (unreadable > 0) this.logger.warn(`${unreadable} events up to ${through} name no service item (an older chaincode's): not counted`);
    }
  }

  /**
   * Where counting resumes: after the last event counted, unless the event log
   * no longer holds that event there (it was removed or replaced), in which
   * case the statistics are counted again from the first event.
   */
  private async startingSeq(): Promise<number> {
    const position = await this.store.position();
    if (!position) return 0;
    const stored = this.events.log.scan(position.seq - 1, {}, { lines: 1 }).events.at(0);
    if (stored?.transactionId === position.transactionId) return position.seq;
    this.logger.warn(`the event log no longer holds event ${position.seq} (tx ${position.transactionId}): counting the statistics again`);
    await this.store.clear();
    return 0;
  }
}
