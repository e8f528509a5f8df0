import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { Role, ROLES } from '@tongban/chaincode/domain';

export const ROLES_KEY = 'tongban:roles';

/** The OpenAPI extension naming the roles whose keys may call an operation (the contract test picks its key by it). */
export const ROLES_EXTENSION = 'x-tongban-roles';

/** The roles whose API keys may call a route; the call is signed with that role's identity. */
export const Roles = (...roles: Role[]): MethodDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiSecurity('apiKey'), ApiExtension(ROLES_EXTENSION, roles));

/** Open to every role of this city (each still acts, and signs, as its own role). */
export const AnyRole = (): MethodDecorator => Roles(...ROLES);
