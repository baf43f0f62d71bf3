import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { OcpiError } from '../../application/ocpi-error';
import { GATEWAY_SERVICES, type GatewayServices } from './gateway-services';
import type { OcpiRequest } from './ocpi-request';

/**
 * Who may call a route: `public` (health, OpenAPI), `token-a` (versions + credentials: token A or C),
 * `registered` (every functional module: token C of a registered peer only; token A there -> 401),
 * `admin` (operator API: the admin token).
 */
export type Access = 'public' | 'token-a' | 'registered' | 'admin';
export const ACCESS = 'ocpi-access';
export const Access = (a: Access) => SetMetadata(ACCESS, a);

@Injectable()
export class OcpiAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(GATEWAY_SERVICES) private readonly services: GatewayServices,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'registered';
    if (access === 'public') return true;
    const req = context.switchToHttp().getRequest<OcpiRequest>();
    const header = req.headers.authorization;
    if (access === 'admin') {
      if (!isAdmin(header, this.services.adminToken))
        throw OcpiError.unauthorized('Invalid or missing admin token');
      return true;
    }
    const auth = await this.services.authenticator.authenticate(header);
    if (!auth) throw OcpiError.unauthorized();
    if (access === 'registered' && (auth.kind !== 'C' || !auth.peer.party)) {
      throw OcpiError.unauthorized('Token A may only be used for versions and credentials');
    }
    req.ocpiAuth = auth;
    return true;
  }
}

function isAdmin(header: string | undefined, adminToken: string): boolean {
  const m = /^(?:Bearer|Token)\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
