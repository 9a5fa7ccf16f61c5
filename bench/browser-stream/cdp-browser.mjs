// Chromium driven over the DevTools protocol on a pipe, without Playwright, for the measured pages.
// Playwright enables the Network domain on every page it drives, and DevTools' network agent then
// keeps a copy of every response body and decodes it as text when it finishes loading: for the
// benchmark's ~7 MB event stream that is a 60 ms task on the page's main thread the moment the
// reply ends (`ResponseBodyLoader::DidFinishLoadingBody` → `TextResourceDecoder::Decode` in a
// trace), which no user's browser runs. Here only the domains the measurement needs are enabled.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs'

// What Playwright adds to a headless launch that matters for timing and layout, so the pages run
// as they did under it: no timer throttling or backgrounding of the page, and overlay scrollbars.
const TIMING_ARGS = [
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--hide-scrollbars',
]

/** The protocol over the browser's pipe: fd 3 carries commands, fd 4 replies and events. */
class PipeConnection {
  #nextId = 1
  #pending = new Map()
  #listeners = new Map()
  #buffer = ''
  #writer

  constructor(writer, reader) {
    this.#writer = writer
    reader.setEncoding('utf8')
    reader.on('data', (text) => {
      this.#buffer += text
      let end
      while ((end = this.#buffer.indexOf('\0')) !== -1) {
        const message = JSON.parse(this.#buffer.slice(0, end))
        this.#buffer = this.#buffer.slice(end + 1)
        this.#dispatch(message)
      }
    })
  }

  #dispatch(message) {
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id)
      this.#pending.delete(message.id)
      if (message.error) pending?.reject(new Error(`${pending.method}: ${message.error.message}`))
      else pending?.resolve(message.result)
      return
    }
    const key = `${message.sessionId ?? ''}:${message.method}`
    for (const listener of this.#listeners.get(key) ?? []) listener(message.params)
  }

  /** Fails every command still waiting for a reply: the browser is gone and never will answer. */
  close(reason) {
    for (const { reject } of this.#pending.values()) reject(reason)
    this.#pending.clear()
  }

  send(method, params = {}, sessionId) {
    const id = this.#nextId++
    this.#writer.write(`${JSON.stringify({ id, method, params, sessionId })}\0`)
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject, method }))
  }

  on(sessionId, method, listener) {
    const key = `${sessionId ?? ''}:${method}`
    if (!this.#listeners.has(key)) this.#listeners.set(key, new Set())
    this.#listeners.get(key).add(listener)
    return () => this.#listeners.get(key).delete(listener)
  }
}

/** In-page lookups by accessible name, for the few controls the benchmark touches. */
function pageHelpers() {
  const named = (selector, name) =>
    [...document.querySelectorAll(selector)].find(
      (element) =>
        element.getAttribute('aria-label') === name || element.textContent.trim() === name,
    )
  window.__cdp = {
    textbox: (name) => named('textarea, input', name),
    button: (name) => named('button', name),
    checkbox: (label) => named('label', label)?.querySelector('input[type="checkbox"]'),
  }
}

/**
 * One tab in its own browser context (fresh storage), attached with a flat session.
 * `evaluate(fn, arg)` runs `fn(arg)` in the page and resolves to its (awaited, JSON) value.
 */
class CdpPage {
  #connection
  #sessionId

  constructor(connection, sessionId) {
    this.#connection = connection
    this.#sessionId = sessionId
  }

  send(method, params) {
    return this.#connection.send(method, params, this.#sessionId)
  }

  on(method, listener) {
    return this.#connection.on(this.#sessionId, method, listener)
  }

  async evaluate(fn, arg) {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression: `(${fn})(${arg === undefined ? '' : JSON.stringify(arg)})`,
      awaitPromise: true,
      returnByValue: true,
    })
    if (exceptionDetails) {
      throw new Error(
        `in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      )
    }
    return result.value
  }

  /** Resolves with the parameters of the next `method` event. */
  once(method) {
    return new Promise((resolve) => {
      const off = this.on(method, (params) => {
        off()
        resolve(params)
      })
    })
  }

  async goto(url) {
    const loaded = this.once('Page.loadEventFired')
    await this.send('Page.navigate', { url })
    await loaded
    await this.evaluate(pageHelpers)
  }

  /**
   * Resolves once `fn()` in the page returns a truthy value, checked every `intervalMs`; rejects
   * after `timeoutMs` (0: never).
   */
  waitFor(fn, { timeoutMs = 30_000, intervalMs = 50 } = {}) {
    return this.evaluate(
      `({ timeoutMs, intervalMs }) => new Promise((resolve, reject) => {
        const started = performance.now()
        const check = () => {
          if ((${fn})()) resolve(true)
          else if (timeoutMs > 0 && performance.now() - started > timeoutMs) reject(new Error('timed out'))
          else setTimeout(check, intervalMs)
        }
        check()
      })`,
      { timeoutMs, intervalMs },
    )
  }

  clickButton(name) {
    return this.evaluate((label) => window.__cdp.button(label).click(), name)
  }

  check(label) {
    return this.evaluate((text) => {
      const box = window.__cdp.checkbox(text)
      if (!box.checked) box.click()
    }, label)
  }

  /** Focuses the textbox named `name` and types `text` into it (one input event, like a paste). */
  async fill(name, text) {
    await this.evaluate((label) => window.__cdp.textbox(label).focus(), name)
    await this.send('Input.insertText', { text })
  }

  async pressEnter() {
    const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 }
    await this.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...key })
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key })
  }
}

/** Starts Debian's Chromium with a fresh profile, driven over a DevTools pipe. */
export async function launchCdpBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'tc-chromium-cdp-'))
  const child = spawn(
    chromiumPath,
    [...chromiumArgs, ...TIMING_ARGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  )
  const connection = new PipeConnection(child.stdio[3], child.stdio[4])
  child.once('exit', (code, signal) =>
    connection.close(new Error(`Chromium exited (${signal ?? code})`)),
  )
  await connection.send('Browser.getVersion')
  return {
    /** A fresh tab in a fresh context; `close()` disposes of both. */
    async newPage({ viewport, colorScheme }) {
      const { browserContextId } = await connection.send('Target.createBrowserContext')
      const { targetId } = await connection.send('Target.createTarget', {
        url: 'about:blank',
        browserContextId,
      })
      const { sessionId } = await connection.send('Target.attachToTarget', {
        targetId,
        flatten: true,
      })
      const page = new CdpPage(connection, sessionId)
      await page.send('Page.enable')
      await page.send('Runtime.enable')
      page.on('Runtime.exceptionThrown', ({ exceptionDetails }) =>
        console.error(
          `browser-stream: page error: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
        ),
      )
      await page.send('Emulation.setDeviceMetricsOverride', {
        ...viewport,
        deviceScaleFactor: 1,
        mobile: false,
      })
      await page.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'prefers-color-scheme', value: colorScheme }],
      })
      page.close = async () => {
        await connection.send('Target.closeTarget', { targetId })
        await connection.send('Target.disposeBrowserContext', { browserContextId })
      }
      return page
    },
    async close() {
      const exited = once(child, 'exit')
      await connection.send('Browser.close').catch(() => {})
      await exited
      await rm(profile, { recursive: true, force: true })
    },
  }
}
