# catalog-sync: the build stage compiles TypeScript; the runtime stage has production
# dependencies only and runs as a non-root user. Node 24 LTS.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# On Node 24 catalog-sync uses better-sqlite3 13, which ships prebuilt binaries; the 12 line
# (for Node 20 only) is neither built nor loaded here, so no compiler is needed.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    CONTROL_HOST=0.0.0.0 \
    CONTROL_PORT=8080 \
    STATE_DB=/app/state/catalog-sync.db
WORKDIR /app
RUN groupadd --system --gid 10001 catalog-sync \
 && useradd --system --uid 10001 --gid catalog-sync --home-dir /app --shell /usr/sbin/nologin catalog-sync \
 && mkdir -p /app/state \
 && chown catalog-sync:catalog-sync /app/state
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
USER catalog-sync
VOLUME ["/app/state"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.CONTROL_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/catalog-sync.js", "start"]
