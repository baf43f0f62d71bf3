import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';

export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

/**
 * The operator API wants `Authorization: Bearer <ADMIN_TOKEN>`, like the other services' admin APIs. Both
 * sides are hashed first so the comparison runs in constant time whatever the length of what was sent.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ADMIN_TOKEN) token: string) {
    this.expected = createHash('sha256').update(token).digest();
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    const bearer = /^Bearer (.+)$/.exec(req.headers['authorization'] ?? '')?.[1];
    const given = createHash('sha256')
      .update(bearer ?? '')
      .digest();
    if (bearer === undefined || !timingSafeEqual(given, this.expected)) {
      throw new UnauthorizedException({
        error: { code: 'ADMIN.UNAUTHORIZED', message: 'Bearer admin token required' },
      });
    }
    return true;
  }
}
