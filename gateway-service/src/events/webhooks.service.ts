import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setImmediate as setImmediatePromise, setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../common/api-error';
import { GatewayConfig } from '../config/configuration';
import { EventFilter, SCAN_PAGE_LINES, StoredEvent } from './event-log';
import { EventListenerService } from './event-listener.service';
import { CreateWebhookDto } from './webhooks.dto';

/** One attempt to deliver one event to one subscription. */
export interface DeliveryAttempt {
  eventId: number;
  eventName: string;
  attempt: number;
  at: string;
  /** HTTP status the receiver answered, or 0 when it could not be reached. */
  status: number;
  delivered: boolean;
  error?: string;
}

export interface Subscription extends EventFilter {
  id: string;
  url: string;
  /** HMAC-SHA256 key of the signatures; shown once, when the subscription is made. */
  secret: string;
  createdBy: string;
  createdAt: string;
  /** The last event delivered (its log position). */
  cursor: number;
  deliveries: DeliveryAttempt[];
}

export type SubscriptionView = Omit<Subscription, 'secret'>;

const KEPT_ATTEMPTS = 100;
const ATTEMPT_TIMEOUT_MS = 10_000;
const MAX_PAUSE_MS = 60_000;

/**
 * Webhook subscriptions and their delivery: at least once, in ledger order
 * (one event at a time per subscription, retried with exponential backoff
 * until the receiver answers 2xx), each body signed with HMAC-SHA256 over
 * "timestamp.body". Subscriptions and cursors survive restarts.
 */
@Injectable()
export class WebhooksService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhooksService.name);
  private readonly path: string;
  private readonly subscriptions = new Map<string, Subscription>();
  /** Wakes a subscription's loop waiting for the next event: a new event, removal, replay or shutdown. */
  private readonly idle = new Map<string, () => void>();
  /** Wakes a subscription's loop pausing between failed attempts: removal, replay or shutdown only, so a busy channel does not hasten retries. */
  private readonly pausing = new Map<string, () => void>();
  /** Log position up to which each subscription's filter has been checked: a rarely matching filter does not rescan the log. */
  private readonly scanned = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly events: EventListenerService,
    @Inject(ConfigService) config: ConfigService,
  ) {
    this.path = join((config.get<GatewayConfig>('gateway') as GatewayConfig).dataDir, 'webhooks.json');
    if (existsSync(this.path)) {
      for (const subscription of JSON.parse(readFileSync(this.path, 'utf8')) as Subscription[]) {
        this.subscriptions.set(subscription.id, subscription);
      }
    }
  }

  onApplicationBootstrap(): void {
    this.events.log.subscribe(() => this.idle.forEach((wake) => wake()));
    this.subscriptions.forEach((subscription) => void this.deliverLoop(subscription.id));
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.subscriptions.forEach((subscription) => this.interrupt(subscription.id));
  }

  create(body: CreateWebhookDto, createdBy: string): Subscription {
    const log = this.events.log;
    const subscription: Subscription = {
      id: randomUUID(),
      url: body.url,
      names: body.names,
      caseId: body.caseId,
      city: body.city,
      secret: randomBytes(32).toString('hex'),
      createdBy,
      createdAt: new Date().toISOString(),
      cursor: body.fromBlock === undefined ? log.lastSeq : log.seqBeforeBlock(BigInt(body.fromBlock)),
      deliveries: [],
    };
    this.subscriptions.set(subscription.id, subscription);
    this.save();
    void this.deliverLoop(subscription.id);
    return subscription;
  }

  /** Every subscription, without secrets or delivery logs. */
  list(): Omit<SubscriptionView, 'deliveries'>[] {
    return [...this.subscriptions.values()].map(({ secret, deliveries, ...view }) => view);
  }

  get(id: string): SubscriptionView {
    const { secret, ...view } = this.find(id);
    return view;
  }

  remove(id: string): void {
    this.find(id);
    this.subscriptions.delete(id);
    this.save();
    this.interrupt(id);
  }

  /** Delivers again every matching event from `fromBlock` on. */
  replay(id: string, fromBlock: number): SubscriptionView {
    const subscription = this.find(id);
    subscription.cursor = this.events.log.seqBeforeBlock(BigInt(fromBlock));
    this.save();
    this.scanned.delete(id);
    this.interrupt(id);
    return this.get(id);
  }

  private interrupt(id: string): void {
    this.idle.get(id)?.();
    this.pausing.get(id)?.();
  }

  private find(id: string): Subscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `webhook subscription ${id} does not exist`);
    }
    return subscription;
  }

  private save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify([...this.subscriptions.values()], null, 1), { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  /** Delivers the subscription's events one by one, waiting for new ones when done. */
  private async deliverLoop(id: string): Promise<void> {
    while (!this.stopped && this.subscriptions.has(id)) {
      const subscription = this.subscriptions.get(id) as Subscription;
      const log = this.events.log;
      const {
        events: [next],
        through,
      } = log.scan(Math.max(subscription.cursor, this.scanned.get(id) ?? 0), subscription, { matches: 1, lines: SCAN_PAGE_LINES });
      if (!next) {
        this.scanned.set(id, through);
        if (through < log.lastSeq) await setImmediatePromise();
        else await new Promise<void>((resolve) => this.idle.set(id, resolve));
        continue;
      }
      if (await this.deliverWithRetries(subscription, next)) {
        // A replay may have moved the cursor meanwhile; only advance from where we were.
        if (subscription.cursor < next.seq) subscription.cursor = next.seq;
        this.save();
      }
    }
    this.idle.delete(id);
    this.pausing.delete(id);
    this.scanned.delete(id);
  }

  private async deliverWithRetries(subscription: Subscription, event: StoredEvent): Promise<boolean> {
    for (let attempt = 1; !this.stopped && this.subscriptions.has(subscription.id); attempt += 1) {
      const outcome = await this.post(subscription, event, attempt);
      subscription.deliveries = [...subscription.deliveries, outcome].slice(-KEPT_ATTEMPTS);
      this.save();
      if (outcome.delivered) return true;
      const pause = Math.min(MAX_PAUSE_MS, 500 * 2 ** Math.min(attempt, 7));
      await Promise.race([sleep(pause, undefined, { ref: false }), new Promise<void>((resolve) => this.pausing.set(subscription.id, resolve))]);
    }
    return false;
  }

  private async post(subscription: Subscription, event: StoredEvent, attempt: number): Promise<DeliveryAttempt> {
    const body = JSON.stringify({ subscriptionId: subscription.id, event });
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const signature = createHmac('sha256', subscription.secret).update(`${timestamp}.${body}`).digest('hex');
    const base = { eventId: event.seq, eventName: event.name, attempt, at: new Date().toISOString() };
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-tongban-event': event.name,
          'x-tongban-event-id': String(event.seq),
          'x-tongban-timestamp': timestamp,
          'x-tongban-signature': `v1=${signature}`,
        },
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      return { ...base, status: response.status, delivered: response.ok };
    } catch (error) {
      this.logger.warn(`webhook ${subscription.id} delivery of event ${event.seq} failed: ${(error as Error).message}`);
      return { ...base, status: 0, delivered: false, error: (error as Error).message };
    }
  }
}
