#!/usr/bin/env node
// The production server: `node server/http/start.mjs [build/server/index.js]`.
// The server itself is TypeScript compiled into the React Router build (exported by
// app/entry.server.tsx), so production runs without a TypeScript loader; this file
// only loads the build and hands it over. Started directly with node so signals reach it.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

process.env.NODE_ENV ??= 'production'
const serverEntry = resolve(process.argv[2] ?? 'build/server/index.js')
const build = await import(pathToFileURL(serverEntry).href)
const startHttpServer = build.entry?.module?.startHttpServer
if (typeof startHttpServer !== 'function') {
  console.error(`[latih] ${serverEntry} is not a Latih server build (no startHttpServer in its entry module); run the build first`)
  process.exit(1)
}
await startHttpServer({ build, clientDir: resolve(serverEntry, '../../client') })
