// Entry point of `npm run latih -- <command>` (run with tsx from the project folder).
import { resolve } from 'node:path'
import { migrateDatabase, openPglite, openPostgres, type Database } from '../db/client'
import { env } from '../env'
import { lockPgliteDir } from '../pgliteLock'
import { EXIT, runCli } from './commands'

async function main(argv: string[]): Promise<number> {
  // --env-file <path>: the same settings file the server's service uses.
  const at = argv.findIndex((a) => a === '--env-file' || a.startsWith('--env-file='))
  if (at >= 0) {
    const [flag] = argv.splice(at, 1)
    const path = flag!.includes('=') ? flag!.slice('--env-file='.length) : argv.splice(at, 1)[0]
    if (!path) {
      console.error('--env-file needs a path.')
      return EXIT.usage
    }
    try {
      process.loadEnvFile(path)
    } catch (error) {
      console.error(`Cannot read ${path}: ${(error as Error).message}`)
      return EXIT.usage
    }
  }
  const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help'
  let config: ReturnType<typeof env> | undefined
  if (!wantsHelp) {
    try {
      config = env()
    } catch (error) {
      console.error((error as Error).message)
      return EXIT.failed
    }
  }
  return runCli(argv, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    now: () => new Date(),
    uploadsDir: () => resolve(config!.DATA_DIR, 'uploads'),
    async open({ migrate }) {
      let database: Database
      if (config!.DATABASE_URL) {
        database = await openPostgres(config!.DATABASE_URL, 2)
      } else {
        const dir = resolve(config!.DATA_DIR, 'pglite')
        const unlock = lockPgliteDir(dir, 'cli')
        const opened = await openPglite(dir)
        database = { ...opened, close: () => opened.close().finally(unlock) }
      }
      if (migrate) await migrateDatabase(database)
      return database
    },
  })
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
    process.exit(EXIT.failed)
  },
)
