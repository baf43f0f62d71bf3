import type { StationAdmin } from '../../application/admin/station-admin.use-case';
import type { GatewayMetrics } from '../metrics/gateway-metrics';

export const HTTP_DEPS = Symbol('HTTP_DEPS');

export interface HttpDeps {
  admin: StationAdmin;
  metrics: GatewayMetrics;
  adminToken: string;
  /** Each check resolves true when its dependency answers. */
  readiness: Record<string, () => Promise<boolean>>;
}
