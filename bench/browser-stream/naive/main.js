// The naive page: what the original article did. Every time bytes of the reply arrive, the whole
// reply so far goes through markdown-it into `innerHTML`, replacing every node, and the view is
// scrolled to the bottom. Same markup contract as the demo (a `Message` textbox, a `log` that is
// busy while a reply streams, `[data-role="assistant"]` replies), so one driver runs both pages.
import MarkdownIt from 'markdown-it'

// The kit's parser options (raw html off, links autodetected); no syntax highlighting, which only
// makes this page cheaper than the demo.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
const relay = new URLSearchParams(location.search).get('relay') ?? ''
const log = document.querySelector('[role="log"]')
const input = document.querySelector('textarea')
// Read by the benchmark: how many times the reply was rendered.
window.naiveRenders = 0

/** Reply text of the `data:` lines of complete SSE events; `[DONE]` and other lines are skipped. */
function deltas(events) {
  let text = ''
  for (const event of events) {
    for (const line of event.split('\n')) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue
      text += JSON.parse(line.slice(6)).choices[0]?.delta?.content ?? ''
    }
  }
  return text
}

async function send(message) {
  log.setAttribute('aria-busy', 'true')
  const user = document.createElement('div')
  user.dataset.role = 'user'
  user.textContent = message
  const reply = document.createElement('div')
  reply.dataset.role = 'assistant'
  reply.className = 'tc-markdown'
  log.append(user, reply)
  const response = await fetch(`${relay}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: message }] }),
  })
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  let source = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += value
    const events = buffer.split('\n\n')
    buffer = events.pop() ?? ''
    const delta = deltas(events)
    if (delta === '') continue
    // One render per read: a token each while the page keeps up. When it falls behind, the tokens
    // that arrived meanwhile share one render (the article rendered each), so the naive page does
    // less work here than it did there, never more.
    source += delta
    reply.innerHTML = md.render(source)
    window.naiveRenders += 1
    log.scrollTop = log.scrollHeight
  }
  log.setAttribute('aria-busy', 'false')
}

input.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.shiftKey) return
  event.preventDefault()
  const message = input.value.trim()
  input.value = ''
  if (message !== '') void send(message)
})
