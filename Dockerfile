# syntax=docker/dockerfile:1
# summit-facts in a container: the README's steps in the same order —
# install (npm ci), build (tsc), ingest (seeds/ -> SQLite), serve.
# test/dockerfile.test.ts checks it lints clean and keeps to those steps.

# ---------------------------------------------------------------------------
# build: compile TypeScript and bake the seed database into data/
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build

# better-sqlite3 compiles its native addon when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# 1. install (dev dependencies too: typescript is needed to build)
COPY package.json package-lock.json ./
RUN npm ci

# 2. build: src/ -> dist/
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY seeds ./seeds
RUN npm run build

# 3. ingest: seeds/ -> data/summit-facts.db (DATABASE_PATH's default, relative to /app)
RUN node dist/cli/ingest.js

# Only runtime dependencies go into the final image.
RUN npm prune --omit=dev

# ---------------------------------------------------------------------------
# runtime: compiled app, production node_modules and the baked database
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim

# Warnings and errors only: per-request lines would also send every answer the
# response cache holds through the full request path (docs/performance.md).
ENV NODE_ENV=production \
    LOG_LEVEL=warn \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/app/data/summit-facts.db

WORKDIR /app

# Owned by `node`: at start the server runs migrations and SQLite keeps its
# WAL files next to the database, so data/ must be writable by that user.
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/migrations ./migrations
COPY --from=build --chown=node:node /app/seeds ./seeds
COPY --from=build --chown=node:node /app/data ./data

USER node

EXPOSE 3000

# The slim image has no curl: ask node itself (global fetch, Node 20).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.status === 200 ? 0 : 1), () => process.exit(1))"]

# 4. serve
CMD ["node", "dist/server.js"]
