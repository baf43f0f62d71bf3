import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { HTTP_DEPS, type HttpDeps } from './http.tokens';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(HTTP_DEPS) deps: HttpDeps) {
    this.expected = digest(deps.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
      'authorization'
    ];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token || !timingSafeEqual(digest(token), this.expected))
      throw new UnauthorizedException('admin token required: Authorization: Bearer <ADMIN_TOKEN>');
    return true;
  }
}
