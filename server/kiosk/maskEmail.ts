/**
 * 'siti.rahma@gmail.com' → 's***@gmail.com': enough for the candidate to recognise
 * their address at the kiosk desk, not enough for a bystander to copy it.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${email.slice(0, 1)}***${email.slice(at)}`
}
