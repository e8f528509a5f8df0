import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tongban:public';

/** Marks a route that needs no API key (health, metrics, API documentation). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Marks routes for partner cities' gateways, which need no API key: their TLS client certificate authenticates them (partner/). */
export const IS_PARTNER = 'tongban:partner';
