# ACS Call Emulator image.
#   docker build -t acs-call-emulator .
#   docker run --rm -p 8833:8833 acs-call-emulator
# test/docker/image-steps.test.ts replays these steps outside Docker (there is no engine in CI):
# it only knows the instructions and commands used here, so a change here that it cannot replay
# fails that test instead of drifting from it.

# Build stage: every dependency, then TypeScript -> dist/ and the dashboard page -> dist/dashboard.
FROM node:22-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY web ./web
COPY scripts/build-dashboard.mjs ./scripts/
RUN npx tsc -p tsconfig.json && node scripts/build-dashboard.mjs

# Runtime stage: production dependencies and dist/ only, run by the unprivileged `node` user.
FROM node:22-alpine AS runtime
# tini runs as PID 1: it forwards SIGTERM/SIGINT to node and reaps zombies (no --init needed).
RUN apk add --no-cache tini
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
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
ENTRYPOINT ["/sbin/tini", "--", "node", "/app/dist/cli.js"]
CMD []
