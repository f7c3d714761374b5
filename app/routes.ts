import type { RouteConfig } from '@react-router/dev/routes'
import { flatRoutes } from '@react-router/fs-routes'

// One module per URL under app/routes; server-only helpers beside a route are named
// *.server.ts and tests *.test.ts(x), and are not routes.
export default flatRoutes({
  ignoredRouteFiles: ['**/*.server.ts', '**/*.test.ts', '**/*.test.tsx', '**/.*'],
}) satisfies RouteConfig
