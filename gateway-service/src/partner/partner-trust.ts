import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { X509Certificate } from 'node:crypto';
import { ApiError } from '../common/api-error';
import { GatewayConfig } from '../config/configuration';
import { Ledger } from '../fabric/ledger';
import { Identification, identifyOrganisation, TlsOrganisation } from './certificate-chain';
import { organisationsOfChannelConfig } from './channel-organisations';

/** The soonest the configuration is read again on demand (a certificate no known organisation issued) after the last read began. */
export const ON_DEMAND_REFRESH_MS = 5_000;

/**
 * The channel's organisations and their TLS CAs as last read, read again on
 * a timer (by its owner) and on demand, at most once per `minIntervalMs`: a
 * certificate of a city just added to the channel is known at its first
 * call, and a flood of unknown certificates costs one read per interval.
 * One read at a time; a failed read keeps what was known. Free of Nest and
 * Fabric, so its tests drive it with a scripted loader and clock.
 */
export class ChannelTrustStore {
  private known?: readonly TlsOrganisation[];
  private reading?: Promise<void>;
  private lastReadAt = -Infinity;
  /** Why the last read failed, if it did. */
  lastError?: Error;

  constructor(
    private readonly load: () => Promise<readonly TlsOrganisation[]>,
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly onRead: (organisations: readonly TlsOrganisation[]) => void = () => undefined,
  ) {}

  /** Reads the configuration now, or joins the read under way. */
  refresh(): Promise<void> {
    if (!this.reading) {
      this.lastReadAt = this.now();
      this.reading = this.read().finally(() => {
        this.reading = undefined;
      });
    }
    return this.reading;
  }

  private async read(): Promise<void> {
    try {
      this.known = await this.load();
      this.lastError = undefined;
      this.onRead(this.known);
    } catch (error) {
      this.lastError = error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Reads again unless the last read began less than the minimum interval ago; true when it read (or joined a read). */
  async refreshIfDue(): Promise<boolean> {
    if (!this.reading && this.now() - this.lastReadAt < this.minIntervalMs) return false;
    await this.refresh();
    return true;
  }

  /** The organisations as last read; read first when none was read yet. Undefined while none could be. */
  async organisations(): Promise<readonly TlsOrganisation[] | undefined> {
    if (!this.known) await this.refreshIfDue();
    return this.known;
  }

  /**
   * The organisation of a client certificate. One that no known organisation
   * issued makes the store read the configuration again (if due) and look once more.
   */
  async identify(leaf: X509Certificate, at: Date): Promise<Identification | undefined> {
    const known = await this.organisations();
    if (!known) return undefined;
    const first = identifyOrganisation(leaf, known, at);
    if (!('refusal' in first) || first.refusal !== 'CLIENT_CERTIFICATE_UNTRUSTED' || !(await this.refreshIfDue())) return first;
    return this.known && identifyOrganisation(leaf, this.known, at);
  }

  /** An organisation by MSP ID; an unknown one makes the store read again (if due) and look once more. */
  async organisation(mspId: string): Promise<TlsOrganisation | undefined> {
    const find = () => this.known?.find((organisation) => organisation.mspId === mspId);
    await this.organisations();
    if (!find()) await this.refreshIfDue();
    return find();
  }
}

/** What an organisation's TLS CAs are, in one line: to log a change once. */
const fingerprintOf = (organisations: readonly TlsOrganisation[]): string =>
  organisations
    .map((organisation) => `${organisation.mspId}:${[...organisation.roots, ...organisation.intermediates].map((ca) => ca.fingerprint256).join('|')}`)
    .join(',');

/**
 * The trust of partner cities' gateways: the TLS CAs of the channel's
 * organisations, read from the channel's configuration through this city's
 * peer (cscc GetChannelConfig) every TONGBAN_PARTNER_TRUST_REFRESH_MS and on
 * demand. Cities added to or removed from the channel are trusted or refused
 * without a restart. Answers 503 PARTNER_TRUST_UNAVAILABLE while the
 * configuration was never read.
 */
@Injectable()
export class PartnerTrust implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PartnerTrust.name);
  private readonly store: ChannelTrustStore;
  private readonly refreshMs: number;
  private readonly channel: string;
  private timer?: NodeJS.Timeout;
  private lastFingerprint = '';

  constructor(
    private readonly ledger: Ledger,
    @Inject(ConfigService) config: ConfigService,
  ) {
    const gateway = config.get<GatewayConfig>('gateway') as GatewayConfig;
    this.refreshMs = gateway.partnerTrustRefreshMs;
    this.channel = gateway.channel;
    this.store = new ChannelTrustStore(
      () => this.read(),
      Math.min(ON_DEMAND_REFRESH_MS, this.refreshMs),
      Date.now,
      (organisations) => {
        const fingerprint = fingerprintOf(organisations);
        if (fingerprint === this.lastFingerprint) return;
        this.lastFingerprint = fingerprint;
        this.logger.log({
          msg: `trusting the TLS CAs of ${organisations.map((organisation) => organisation.mspId).join(', ')} (channel ${this.channel}'s configuration)`,
        });
      },
    );
  }

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The organisation of a partner gateway's client certificate, or why it has none. */
  async identify(leaf: X509Certificate): Promise<Identification> {
    const found = await this.store.identify(leaf, new Date());
    if (!found) throw this.unavailable();
    return found;
  }

  /** The TLS CAs of an organisation of the channel; undefined when it is not one. */
  async tlsCasOf(mspId: string): Promise<TlsOrganisation | undefined> {
    if (!(await this.store.organisations())) throw this.unavailable();
    return this.store.organisation(mspId);
  }

  private async refresh(): Promise<void> {
    await this.store.refresh();
    if (this.store.lastError) this.logger.warn({ msg: `could not read channel ${this.channel}'s configuration: ${this.store.lastError.message}` });
  }

  private async read(): Promise<readonly TlsOrganisation[]> {
    const { organisations, unreadable } = organisationsOfChannelConfig(await this.ledger.channelConfig());
    if (unreadable > 0) this.logger.warn({ msg: `${unreadable} TLS CA certificates of channel ${this.channel}'s configuration could not be read` });
    return organisations;
  }

  private unavailable(): ApiError {
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'PARTNER_TRUST_UNAVAILABLE',
      `the TLS CAs of channel ${this.channel}'s organisations are not known yet: its configuration could not be read` +
        (this.store.lastError ? ` (${this.store.lastError.message})` : ''),
      { retryAfterSeconds: Math.ceil(ON_DEMAND_REFRESH_MS / 1000) },
    );
  }
}
