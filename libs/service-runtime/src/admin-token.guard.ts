import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';

/** Provide the services' ADMIN_TOKEN under this token for AdminTokenGuard. */
export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The operator APIs of every service want `Authorization: Bearer <ADMIN_TOKEN>`. Both sides are hashed first,
 * so the comparison runs in constant time whatever the length of what was sent. Refusals are HTTP 401 with
 * `{ error: { code: 'ADMIN.UNAUTHORIZED', message } }`.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ADMIN_TOKEN) token: string) {
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
      'authorization'
    ];
    const bearer = typeof header === 'string' ? /^Bearer (.+)$/.exec(header)?.[1] : undefined;
    if (bearer === undefined || !timingSafeEqual(digest(bearer), this.expected)) {
      throw new UnauthorizedException({
        error: { code: 'ADMIN.UNAUTHORIZED', message: 'Bearer admin token required' },
      });
    }
    return true;
  }
}
