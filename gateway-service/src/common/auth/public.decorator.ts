import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tongban:public';

/** Marks a route that needs no API key (health, metrics, API documentation). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
