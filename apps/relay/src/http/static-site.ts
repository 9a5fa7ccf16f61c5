import { extname, join, resolve, sep } from 'node:path'
import express from 'express'
import type { Response, Router } from 'express'
import { securityHeaders } from './security-headers.js'

const notBuilt = (dir: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>typewriter-chat relay</title></head>
<body><h1>The demo is not built yet</h1>
<p>The relay is running and its API answers at <code>/api/chat</code> and <code>/v1</code>.
To serve the demo here, build it (<code>pnpm build</code>) so that <code>${dir}</code> exists, then
restart the relay.</p></body></html>`

function setCacheHeaders(res: Response, file: string): void {
  // Vite fingerprints everything under assets/, so those never change; index.html must revalidate.
  const immutable = file.split(sep).includes('assets')
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
}

/**
 * Serves the built demo at `/` with helmet's security headers and an SPA fallback: any other GET
 * that asks for HTML (a client-side route, a reload) gets `index.html`. Asset-like paths (with an
 * extension) and non-HTML requests are not rewritten, so a missing script is a 404, not HTML.
 */
export function staticSite(dir: string): Router {
  const root = resolve(dir)
  const index = join(root, 'index.html')
  const router = express.Router()
  router.use(securityHeaders())
  router.use(express.static(root, { setHeaders: setCacheHeaders }))
  router.use((req, res, next) => {
    const wantsHtml = (req.get('accept') ?? '').includes('text/html')
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !wantsHtml || extname(req.path)) {
      next()
      return
    }
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(index, (error) => {
      if (error === undefined || res.headersSent) return
      res.status(404).type('html').send(notBuilt(root))
    })
  })
  return router
}
