import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chat, chatRequests, replyText, startRig } from './harness.js'
import type { Rig } from './harness.js'

let rig: Rig
beforeAll(async () => (rig = await startRig()))
afterAll(() => rig?.close())

/** A `width` × `height` image drawn on a canvas in the page (four flat quarters, so it stays small). */
async function drawImage(page: Page, width: number, height: number, type: string): Promise<Buffer> {
  const base64 = await page.evaluate(
    ({ width, height, type }) => {
      const canvas = document.createElement('canvas')
      canvas.width = width
      canvas.height = height
      const context = canvas.getContext('2d')!
      const colours = ['#e33', '#3a3', '#33e', '#ee3']
      colours.forEach((colour, i) => {
        context.fillStyle = colour
        context.fillRect(
          (i % 2) * (width / 2),
          Math.floor(i / 2) * (height / 2),
          width / 2,
          height / 2,
        )
      })
      return canvas.toDataURL(type).split(',')[1]!
    },
    { width, height, type },
  )
  return Buffer.from(base64, 'base64')
}

/** Width and height from a PNG's IHDR or a JPEG's first SOF marker. */
function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes[0] === 0x89) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
  for (let i = 2; i < bytes.length;) {
    const marker = bytes[i + 1]!
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) }
    }
    i += 2 + bytes.readUInt16BE(i + 2)
  }
  throw new Error('no image size found')
}

type Part = { type: string; text?: string; image_url?: { url: string } }

/** The content parts of the last user message the upstream received. */
function lastUserContent(): Part[] {
  const messages = chatRequests(rig.upstream).at(-1)!.body!.messages as Array<{ content: Part[] }>
  return messages.at(-1)!.content
}

/** The bytes of a `data:` image part, with its media type. */
function decodeImagePart(part: Part | undefined): { mediaType: string; bytes: Buffer } {
  const match = /^data:(image\/\w+);base64,(.+)$/.exec(part?.image_url?.url ?? '')
  if (match === null) throw new Error(`not a data image part: ${JSON.stringify(part)}`)
  return { mediaType: match[1]!, bytes: Buffer.from(match[2]!, 'base64') }
}

/** Dispatches `type` (paste or drop) on `selector` with files made in the page from `files`. */
async function dispatchFiles(
  page: Page,
  selector: string,
  type: 'paste' | 'drop',
  files: Array<{ name: string; mimeType: string; base64: string }>,
): Promise<void> {
  await page.evaluate(
    ({ selector, type, files }) => {
      const data = new DataTransfer()
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))
        data.items.add(new File([bytes], file.name, { type: file.mimeType }))
      }
      const init = { bubbles: true, cancelable: true }
      const target = document.querySelector(selector)!
      if (type === 'paste') {
        target.dispatchEvent(new ClipboardEvent('paste', { ...init, clipboardData: data }))
      } else {
        target.dispatchEvent(new DragEvent('dragover', { ...init, dataTransfer: data }))
        target.dispatchEvent(new DragEvent('drop', { ...init, dataTransfer: data }))
      }
    },
    { selector, type, files },
  )
}

const textFile = (name: string, text: string) => ({
  name,
  mimeType: 'text/plain',
  base64: Buffer.from(text).toString('base64'),
})

describe('attachments in the browser', () => {
  it('sends picked images as image_url data parts after the text, a large one downscaled on a canvas', async () => {
    rig.upstream.script({ chunks: ['Two images.'] })
    const page = await rig.openDemo()
    const ui = chat(page)
    const wide = await drawImage(page, 3000, 1500, 'image/png')
    const small = await drawImage(page, 640, 480, 'image/jpeg')
    const chooser = page.waitForEvent('filechooser')
    await ui.button('Attach').click()
    await (
      await chooser
    ).setFiles([
      { name: 'wide.png', mimeType: 'image/png', buffer: wide },
      { name: 'small.jpg', mimeType: 'image/jpeg', buffer: small },
    ])
    await expect.poll(() => ui.button('Remove attachment').count()).toBe(2)
    await ui.send('What is in these?')
    await ui.idle()
    expect(await replyText(page)).toBe('Two images.')

    const [text, first, second] = lastUserContent()
    expect(text).toEqual({ type: 'text', text: 'What is in these?' })
    const downscaled = decodeImagePart(first)
    expect(downscaled.mediaType).toBe('image/png')
    expect(imageSize(downscaled.bytes)).toEqual({ width: 2048, height: 1024 })
    // Within the bound: sent byte for byte, never re-encoded or upscaled.
    expect(decodeImagePart(second)).toEqual({ mediaType: 'image/jpeg', bytes: small })
    expect(imageSize(small)).toEqual({ width: 640, height: 480 })

    // The sent message shows the thumbnails; one opens large and Escape gives focus back.
    const thumbnail = ui.users.last().getByRole('button', { name: 'View image wide.png' })
    await thumbnail.waitFor()
    expect(await ui.users.last().locator('img').count()).toBe(2)
    expect(await ui.button('Remove attachment').count()).toBe(0)
    await thumbnail.click()
    const viewer = page.getByRole('dialog', { name: 'wide.png' })
    await viewer.waitFor()
    expect(await viewer.getByRole('img', { name: 'wide.png' }).isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await viewer.waitFor({ state: 'hidden' })
    expect(await thumbnail.evaluate((el) => el === document.activeElement)).toBe(true)
    await thumbnail.click()
    await viewer.getByRole('button', { name: 'Close' }).click()
    await viewer.waitFor({ state: 'hidden' })
    expect(await thumbnail.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.context().close()
  })

  it('attaches a pasted image, named in the Remove button description', async () => {
    rig.upstream.script({ chunks: ['A pasted image.'] })
    const page = await rig.openDemo()
    const ui = chat(page)
    const png = await drawImage(page, 200, 100, 'image/png')
    await ui.input.fill('Look at this')
    await dispatchFiles(page, '.tc-composer__input', 'paste', [
      { name: 'image.png', mimeType: 'image/png', base64: png.toString('base64') },
    ])
    const remove = ui.button('Remove attachment')
    await remove.waitFor()
    const describedBy = await remove.getAttribute('aria-describedby')
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('image.png')
    expect(await ui.input.inputValue()).toBe('Look at this')
    await ui.input.press('Enter')
    await ui.idle()
    const [text, image] = lastUserContent()
    expect(text).toEqual({ type: 'text', text: 'Look at this' })
    expect(decodeImagePart(image)).toEqual({ mediaType: 'image/png', bytes: png })
    await ui.users.last().getByRole('button', { name: 'View image image.png' }).waitFor()
    await page.context().close()
  })

  it('attaches dropped files: a text file as a named text part, an image as an image part', async () => {
    rig.upstream.script({ chunks: ['Dropped.'] })
    const page = await rig.openDemo()
    const ui = chat(page)
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=', 'base64')
    await dispatchFiles(page, '.tc-composer', 'drop', [
      textFile('notes.md', '# Plan\n\n- ship it\n'),
      { name: 'dot.gif', mimeType: 'image/gif', base64: gif.toString('base64') },
    ])
    await expect.poll(() => ui.button('Remove attachment').count()).toBe(2)
    await ui.send('Summarise')
    await ui.idle()
    expect(lastUserContent()).toEqual([
      { type: 'text', text: 'Summarise' },
      { type: 'text', text: 'File: notes.md\n```md\n# Plan\n\n- ship it\n```' },
      { type: 'image_url', image_url: { url: `data:image/gif;base64,${gif.toString('base64')}` } },
    ])
    expect(await ui.users.last().getByText('notes.md').isVisible()).toBe(true)
    await page.context().close()
  })

  it('refuses files past the limits with a visible message and keeps the draft and the others', async () => {
    rig.upstream.script({ chunks: ['Three files.'] })
    const page = await rig.openDemo()
    const ui = chat(page)
    await ui.input.fill('My draft, typed before')
    await dispatchFiles(page, '.tc-composer', 'drop', [
      textFile('big.txt', 'x'.repeat(5 * 1024 * 1024 + 1)),
      ...['a', 'b', 'c', 'd', 'e'].map((name) => textFile(`${name}.txt`, name)),
    ])
    await ui.alert.waitFor()
    expect(await ui.alert.textContent()).toBe(
      'Not attached, larger than 5 MB: big.txt.' +
        'Not attached, at most 4 files per message: e.txt.',
    )
    expect(await ui.input.inputValue()).toBe('My draft, typed before')
    expect(await ui.button('Remove attachment').count()).toBe(4)

    await ui.button('Remove attachment').first().click()
    expect(await ui.alert.count()).toBe(0)
    await ui.input.press('Enter')
    await ui.idle()
    expect(lastUserContent().map((part) => part.text?.split('\n')[0])).toEqual([
      'My draft, typed before',
      'File: b.txt',
      'File: c.txt',
      'File: d.txt',
    ])
    await page.context().close()
  })
})
