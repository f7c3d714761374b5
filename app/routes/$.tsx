import { data } from 'react-router'

// Unknown URLs render the root error page inside the normal layout (header, footer,
// the visitor's language) instead of React Router's bare "no route matches" error.
export function loader() {
  throw data('', { status: 404 })
}

export default function NotFound() {
  return null
}
