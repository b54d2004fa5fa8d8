# Production image: multi-stage, Next.js standalone output, migrations applied on start.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# no Prisma update check (closed networks; nothing to phone home)
ENV CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --ignore-scripts && PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx prisma generate

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/lib/generated ./lib/generated
COPY . .
RUN npx next build && npx esbuild scripts/migrate-cli.ts --bundle --platform=node --format=esm --external:pg-native --outfile=migrate.mjs

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN useradd --system --uid 1001 app
COPY --from=build --chown=app /app/.next/standalone ./
COPY --from=build --chown=app /app/.next/static ./.next/static
COPY --from=build --chown=app /app/prisma/migrations ./prisma/migrations
COPY --from=build --chown=app /app/migrate.mjs ./migrate.mjs
# the briefing PDF's embedded font (read from process.cwd()/assets/fonts)
COPY --from=build --chown=app /app/assets ./assets
USER app
EXPOSE 3000
# apply committed migrations (no Prisma engine needed), then serve
CMD ["sh", "-c", "node migrate.mjs && node server.js"]
