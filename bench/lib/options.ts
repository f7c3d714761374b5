// Command-line options shared by the benchmarks: `--name value` and `--flag`.

export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith('--') ? process.argv[i + 1]! : fallback
}

export const flag = (name: string): boolean => process.argv.includes(`--${name}`)

export function int(name: string, fallback: number): number {
  const v = Number(option(name, String(fallback)))
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`)
  return v
}
