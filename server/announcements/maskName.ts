// The name on the public results list, the Instagram pages and the public lookup:
// "Ahmad Saputra Jaya" → "Ahmad S•••••". The first word whole (how people recognise
// themselves), the initial of the second, and a fixed number of bullets so the length
// of the rest is not told. A one-word name stays one word: there is nothing after it.

const BULLETS = '•••••'

export function maskName(fullName: string): string {
  // Control characters (NUL included) never reach a public page.
  // eslint-disable-next-line no-control-regex
  const words = fullName.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().split(/\s+/).filter((w) => w !== '')
  if (words.length === 0) return BULLETS
  const [first, second] = words
  if (second === undefined) return first!
  const initial = Array.from(second)[0]!.toLocaleUpperCase('id-ID')
  return `${first} ${initial}${BULLETS}`
}
