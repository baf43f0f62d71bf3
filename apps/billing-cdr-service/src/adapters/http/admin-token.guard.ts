import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';

export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

/** `Authorization: Bearer <ADMIN_TOKEN>`; compared in constant time (hashes of equal length). */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ADMIN_TOKEN) token: string) {
    this.expected = createHash('sha256').update(token).digest();
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    const m = /^Bearer (.+)$/.exec(req.headers['authorization'] ?? '');
    const given = createHash('sha256')
      .update(m?.[1] ?? '')
      .digest();
    if (!m || !timingSafeEqual(given, this.expected)) {
      throw new UnauthorizedException({
        error: { code: 'ADMIN.UNAUTHORIZED', message: 'Bearer admin token required' },
      });
    }
    return true;
  }
}
