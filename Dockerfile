# ACS Call Emulator image.
#   docker build -t acs-call-emulator .
#   docker run --rm -p 8833:8833 acs-call-emulator
# NODE_IMAGE is any Debian-based Node.js 20+ image with npm and a `node` user (uid 1000). CI,
# which reaches no image registry, builds an equivalent one from the Debian mirror and the npm
# registry (scripts/container/base-image.ts) and passes it here; test/docker/ builds and runs
# this file with podman.
ARG NODE_IMAGE=node:22-bookworm-slim

# Build stage: every dependency, then TypeScript -> dist/, the CLI bundled into dist/cli.js and the
# dashboard page -> dist/dashboard.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY web ./web
COPY scripts/build-cli.mjs scripts/build-dashboard.mjs ./scripts/
RUN npx tsc -p tsconfig.json && node scripts/build-cli.mjs && node scripts/build-dashboard.mjs

# Production dependencies only, installed apart so the runtime stage gets no npm cache.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

# Runtime stage: production dependencies and dist/ only, run by the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
# tini runs as PID 1: it forwards SIGTERM/SIGINT to node and reaps zombies (no --init needed).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# /certs is where `--tls self-signed` writes cert.pem; mount a volume there to share it.
RUN mkdir -p /certs && chown node:node /certs
# Only the image binds every interface; the CLI's own default stays 127.0.0.1. The ready file
# gives the health check the real address, however the port was changed (flag, env or file).
ENV ACS_EMULATOR_HOST=0.0.0.0 \
    ACS_EMULATOR_PORT=8833 \
    ACS_EMULATOR_READY_FILE=/tmp/acs-call-emulator.ready.json \
    ACS_EMULATOR_TLS_DIR=/certs
USER node
EXPOSE 8833
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "/app/dist/cli.js", "healthcheck"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/dist/cli.js"]
CMD []
