# syntax=docker/dockerfile:1
# One Dockerfile, one image per app:
#   docker build --build-arg APP=ocpi-gateway -t tapcharge/ocpi-gateway .
# APP is one of: ocpi-gateway ocpp-gateway session-engine tariff-service billing-cdr-service receipt-service.
# Target `toolbox` (full dev dependencies + sources, run with @swc-node/register) is for the simulators and
# operator CLIs; the default (last) target `runtime` is the production image. See docs/adr/0009-deployment.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency (dev included), for compiling and for the toolbox ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
# package.json overrides voltlog-io with file:./vendor/voltlog-io, so vendor/ must exist before npm ci.
COPY vendor/ vendor/
# No dependency needs its install script here (@swc/core ships its binary as an optional dependency).
RUN npm ci --ignore-scripts

# ---- build: type-check and compile one app with tsc, plus path-alias shims ----
FROM deps AS build
ARG APP
COPY tsconfig.base.json ./
COPY libs/ libs/
COPY apps/ apps/
COPY tools/deploy/docker/ tools/deploy/docker/
RUN test -n "${APP}" || { echo 'build argument APP is required (e.g. --build-arg APP=ocpi-gateway)' >&2; exit 2; }
RUN node tools/deploy/docker/build-app.mjs "${APP}" dist

# ---- toolbox: simulators and CLIs straight from TypeScript (not for production) ----
FROM deps AS toolbox
COPY tsconfig.base.json ./
COPY libs/ libs/
COPY apps/ apps/
COPY deploy/seed/ deploy/seed/
ENV NODE_ENV=development
USER 1000:1000
ENTRYPOINT ["node", "-r", "@swc-node/register"]
CMD ["libs/station-simulator/src/cli.ts", "--help"]

# ---- prod-deps: runtime dependencies only ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
COPY vendor/ vendor/
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# ---- runtime: the production image (default target) ----
FROM ${NODE_IMAGE} AS runtime
ARG APP
LABEL org.opencontainers.image.title="tapcharge-${APP}" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    APP=${APP} \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Everything stays owned by root and read-only for the app user; the app writes nothing to disk
# (Kubernetes runs it with readOnlyRootFilesystem and an emptyDir on /tmp).
COPY --from=prod-deps /app/node_modules/ node_modules/
COPY --from=prod-deps /app/vendor/ vendor/
COPY --from=prod-deps /app/package.json ./
COPY --from=build /src/dist/ dist/
COPY deploy/seed/ deploy/seed/
COPY tools/deploy/docker/healthcheck.js ./healthcheck.js
# The image's `node` user (uid/gid 1000), numeric so Kubernetes runAsNonRoot can verify it.
USER 1000:1000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "healthcheck.js"]
# dist/start.js requires dist/apps/${APP}/src/main.js (exec form cannot expand ${APP}).
CMD ["node", "dist/start.js"]
