import { Module } from '@nestjs/common';
import { MaterialsModule } from '../materials/materials.module';
import { PartnerController } from './partner.controller';

/**
 * Partner-to-partner exchange: the routes other cities' gateways call here
 * (mutual TLS, no API key). Calls to their gateways go through PartnerClient,
 * which MaterialsModule provides, where it is used, so that this module can
 * import MaterialsModule without a cycle.
 */
@Module({ imports: [MaterialsModule], controllers: [PartnerController] })
export class PartnerModule {}
