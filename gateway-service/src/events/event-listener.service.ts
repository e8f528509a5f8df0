import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ChaincodeEvent, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayConfig } from '../config/configuration';
import { Ledger } from '../fabric/ledger';
import { EventLog } from './event-log';

/**
 * Follows the chaincode's events through Fabric Gateway into the event log,
 * resuming right after the last stored event, and reconnects with backoff
 * when the peer goes away.
 */
@Injectable()
export class EventListenerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventListenerService.name);
  readonly log: EventLog;
  private stream?: CloseableAsyncIterable<ChaincodeEvent>;
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly ledger: Ledger,
    @Inject(ConfigService) config: ConfigService,
  ) {
    this.log = new EventLog(join((config.get<GatewayConfig>('gateway') as GatewayConfig).dataDir, 'events.jsonl'));
  }

  onApplicationBootstrap(): void {
    this.running = this.follow();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.stream?.close();
    await this.running;
    this.log.close();
  }

  private async follow(): Promise<void> {
    for (let failures = 0; !this.stopped;) {
      try {
        const last = this.log.last();
        this.stream = await this.ledger.chaincodeEvents(
          last ? { blockNumber: BigInt(last.blockNumber), transactionId: last.transactionId } : undefined,
        );
        this.logger.log(`following chaincode events ${last ? `after block ${last.blockNumber} tx ${last.transactionId}` : 'from block 0'}`);
        for await (const event of this.stream) {
          failures = 0;
          this.log.append({
            blockNumber: event.blockNumber.toString(),
            transactionId: event.transactionId,
            name: event.eventName,
            payload: JSON.parse(Buffer.from(event.payload).toString('utf8')) as Record<string, unknown>,
          });
        }
      } catch (error) {
        // onModuleDestroy may have set it meanwhile (TypeScript keeps the loop condition's narrowing across awaits).
        if (this.stopped as boolean) return;
        failures += 1;
        const pause = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
        this.logger.warn(`chaincode event stream failed (${(error as Error).message}); resuming in ${pause}ms`);
        await sleep(pause, undefined, { ref: false });
      }
    }
  }
}
