import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC = 'tongban:public';

/** Marks a route that needs no API key (health, metrics, API documentation). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const IS_PARTNER = 'tongban:partner';

/** Marks a route for partner cities' gateways, authenticated by partner key instead of API key. */
export const PartnerOnly = (): ClassDecorator => applyDecorators(SetMetadata(IS_PARTNER, true), ApiSecurity('partnerKey'));
