import { Global, Module } from '@nestjs/common';
import { PartnerTrust } from './partner-trust';

/**
 * The TLS CAs of the channel's organisations (PartnerTrust), one store for
 * the gateway: the partner routes' guard authenticates callers with it, and
 * PartnerClient trusts partner gateways' server certificates by it.
 */
@Global()
@Module({ providers: [PartnerTrust], exports: [PartnerTrust] })
export class PartnerTrustModule {}
