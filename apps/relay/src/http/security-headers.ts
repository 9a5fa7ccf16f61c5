import type { RequestHandler } from 'express'
import helmet from 'helmet'

/**
 * Helmet for the static demo. The CSP is as strict as a Vite-built Vue app allows:
 * - scripts only from the site itself (Vite emits external module scripts, no inline ones);
 * - styles from the site plus `'unsafe-inline'`, because Vue transitions and highlighters write
 *   `style` attributes and Vite may inject `<style>` for async chunks;
 * - `connect-src 'self'` so the chat's `fetch` of `/api/chat` (the SSE stream) is allowed;
 * - images also from `https:`/`data:` since rendered markdown may show them.
 * `upgrade-insecure-requests` is off: the relay is often served over plain HTTP on a LAN address, and
 * that directive would rewrite the app's own script URLs to https and blank the page.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:', 'https:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
      },
    },
  })
}
