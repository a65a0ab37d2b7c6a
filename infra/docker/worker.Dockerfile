# The worker: the same build, with the bundled workflow code (dist/workflow-bundle.js) the
# worker loads. Debian slim, not Alpine: the Temporal SDK's native core needs glibc.
#   docker build -f infra/docker/worker.Dockerfile -t incubation-pipeline-worker .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
USER node
# Temporal's Runtime drains on SIGTERM; the orchestrator's grace must exceed WORKER_SHUTDOWN_GRACE_MS.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/worker/src/main.js"]
