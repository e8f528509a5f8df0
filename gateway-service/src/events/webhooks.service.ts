import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setImmediate as setImmediatePromise, setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../common/api-error';
import { GatewayConfig } from '../config/configuration';
import { SCAN_PAGE_LINES, StoredEvent } from './event-log';
import { EventListenerService } from './event-listener.service';
import { DeliveryAttempt, Subscription, WebhookStore } from './webhook-store';
import { CreateWebhookRequest } from './webhooks.dto';

export type SubscriptionView = Omit<Subscription, 'secret'>;

const ATTEMPT_TIMEOUT_MS = 10_000;
const MAX_PAUSE_MS = 60_000;

/**
 * Webhook subscriptions and their delivery: at least once, in ledger order
 * (one event at a time per subscription, retried with exponential backoff
 * until the receiver answers 2xx), each body signed with HMAC-SHA256 over
 * "timestamp.body". Subscriptions, cursors and delivery logs are kept in a
 * WebhookStore under the data folder, so they survive restarts.
 */
@Injectable()
export class WebhooksService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhooksService.name);
  private readonly store: WebhookStore;
  /** Wakes a subscription's loop waiting for the next event: a new event, removal, replay or shutdown. */
  private readonly idle = new Map<string, () => void>();
  /** Wakes a subscription's loop pausing between failed attempts: removal, replay or shutdown only, so a busy channel does not hasten retries. */
  private readonly pausing = new Map<string, () => void>();
  /** Log position up to which each subscription's filter has been checked: a rarely matching filter does not rescan the log. */
  private readonly scanned = new Map<string, number>();
  private stopped = false;
  private readonly allowedUrls: readonly string[];

  constructor(
    private readonly events: EventListenerService,
    @Inject(ConfigService) config: ConfigService,
  ) {
    const { dataDir, webhookAllowedUrls } = config.get<GatewayConfig>('gateway') as GatewayConfig;
    this.store = new WebhookStore(join(dataDir, 'webhooks'), join(dataDir, 'webhooks.json'));
    this.allowedUrls = webhookAllowedUrls;
  }

  onModuleInit(): Promise<void> {
    return this.store.open();
  }

  onApplicationBootstrap(): void {
    this.events.log.subscribe(() => {
      for (const wake of this.idle.values()) wake();
    });
    for (const subscription of this.store.all()) void this.deliverLoop(subscription.id);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const subscription of this.store.all()) this.interrupt(subscription.id);
    await this.store.close();
  }

  /**
   * Subscribes `body.url`, which must start with one of the allowed receiver
   * prefixes (TONGBAN_WEBHOOK_ALLOWED_URLS): the gateway sends signed events
   * to it, so it must not be made to call anything else on its network.
   */
  async create(body: CreateWebhookRequest, createdBy: string): Promise<Subscription> {
    if (!this.isAllowed(body.url)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'URL_NOT_ALLOWED',
        `url ${body.url} is not under an allowed receiver address (${this.allowedUrls.join(', ')}); the gateway's operators set them`,
      );
    }
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
    await this.store.add(subscription);
    void this.deliverLoop(subscription.id);
    return subscription;
  }

  /** The caller's subscriptions, without secrets or delivery logs. */
  list(owner: string): Omit<SubscriptionView, 'deliveries'>[] {
    return this.store
      .all()
      .filter((subscription) => subscription.createdBy === owner)
      .map(({ secret, deliveries, ...view }) => view);
  }

  /** One of the caller's subscriptions, with its delivery log and without its secret. */
  get(id: string, owner: string): SubscriptionView {
    const { secret, ...view } = this.find(id, owner);
    return view;
  }

  async remove(id: string, owner: string): Promise<void> {
    this.find(id, owner);
    await this.store.remove(id);
    this.interrupt(id);
  }

  /** Delivers again every matching event from `fromBlock` on. */
  async replay(id: string, fromBlock: number, owner: string): Promise<SubscriptionView> {
    this.find(id, owner);
    await this.store.setCursor(id, this.events.log.seqBeforeBlock(BigInt(fromBlock)));
    this.scanned.delete(id);
    this.interrupt(id);
    return this.get(id, owner);
  }

  private interrupt(id: string): void {
    this.idle.get(id)?.();
    this.pausing.get(id)?.();
  }

  /** Compared as parsed (scheme, host, path), so `http://127.0.0.1:80@elsewhere/` is not taken for a loopback address. */
  private isAllowed(url: string): boolean {
    const target = new URL(url);
    if (target.username !== '' || target.password !== '') return false;
    const normalized = `${target.protocol}//${target.host}${target.pathname}`;
    return this.allowedUrls.some((prefix) => normalized.startsWith(prefix));
  }

  /** A subscription belongs to the API key that made it: another key, even of the same city, is told it does not exist. */
  private find(id: string, owner: string): Subscription {
    const subscription = this.store.get(id);
    if (subscription?.createdBy !== owner) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `webhook subscription ${id} does not exist`);
    }
    return subscription;
  }

  /** The subscription while it exists and the service runs, else undefined. */
  private active(id: string): Subscription | undefined {
    return this.stopped ? undefined : this.store.get(id);
  }

  /** Delivers the subscription's events one by one, waiting for new ones when done. */
  private async deliverLoop(id: string): Promise<void> {
    try {
      for (let subscription = this.active(id); subscription; subscription = this.active(id)) {
        const log = this.events.log;
        const { events, through } = log.scan(Math.max(subscription.cursor, this.scanned.get(id) ?? 0), subscription, {
          matches: 1,
          lines: SCAN_PAGE_LINES,
        });
        const next = events.at(0);
        if (!next) {
          this.scanned.set(id, through);
          if (through < log.lastSeq) await setImmediatePromise();
          else await new Promise<void>((resolve) => this.idle.set(id, resolve));
          continue;
        }
        if (await this.deliverWithRetries(subscription, next)) await this.store.advanceCursor(id, subscription.cursor, next.seq);
      }
    } catch (error) {
      // A write the store refused: it is closed (shutdown) or its disk failed. Delivery resumes from the cursor at the next start.
      if (!this.stopped) this.logger.error(`webhook ${id} stopped delivering: ${(error as Error).message}`);
    } finally {
      this.idle.delete(id);
      this.pausing.delete(id);
      this.scanned.delete(id);
    }
  }

  private async deliverWithRetries(subscription: Subscription, event: StoredEvent): Promise<boolean> {
    for (let attempt = 1; this.active(subscription.id); attempt += 1) {
      const outcome = await this.post(subscription, event, attempt);
      await this.store.recordAttempt(subscription.id, outcome);
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
