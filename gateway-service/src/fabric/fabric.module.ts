import { Global, Module } from '@nestjs/common';
import { FabricService } from './fabric.service';
import { Ledger } from './ledger';

/** Provides the Ledger (Fabric Gateway) to every feature module, and the service itself (staff offline signing). */
@Global()
@Module({ providers: [FabricService, { provide: Ledger, useExisting: FabricService }], exports: [Ledger, FabricService] })
export class FabricModule {}
