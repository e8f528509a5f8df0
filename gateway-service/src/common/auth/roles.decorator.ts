import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role, ROLES } from '@tongban/chaincode/domain';

export const ROLES_KEY = 'tongban:roles';

/** The roles whose API keys may call a route; the call is signed with that role's identity. */
export const Roles = (...roles: Role[]): MethodDecorator =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiSecurity('apiKey'),
    ApiUnauthorizedResponse({ description: 'No or unknown API key (UNAUTHENTICATED)' }),
    ApiForbiddenResponse({
      description: `Needs the role ${roles.join(' or ')} (ROLE_NOT_ALLOWED), or refused by the chaincode's access rules (FORBIDDEN)`,
    }),
  );

/** Open to every role of this city (each still acts, and signs, as its own role). */
export const AnyRole = (): MethodDecorator => Roles(...ROLES);
