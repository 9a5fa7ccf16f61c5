// The naive page: what the original article did. For every token of the reply, the whole reply so
// far goes through markdown-it into `innerHTML`, replacing every node, and the view is scrolled to
// the bottom. With `?per=read` it renders once per read of the response body instead (the tokens
// that arrived together share one render), a kinder variant that does less work than the article. Same markup contract as the demo (a `Message` textbox, a `log` that is
// busy while a reply streams, `[data-role="assistant"]` replies), so one driver runs both pages.
import MarkdownIt from 'markdown-it'

// The kit's parser options (raw html off, links autodetected); no syntax highlighting, which only
// makes this page cheaper than the demo.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
const params = new URLSearchParams(location.search)
const relay = params.get('relay') ?? ''
const perRead = params.get('per') === 'read'
const log = document.querySelector('[role="log"]')
const input = document.querySelector('textarea')
// Read by the benchmark: how many times the reply was rendered.
window.naiveRenders = 0

/** The reply deltas of the `data:` lines of complete SSE events; `[DONE]` and other lines skipped. */
function deltas(events) {
  const found = []
  for (const event of events) {
    for (const line of event.split('\n')) {
      if (!line.startsWith('data: ') || line === 'data: [DONE]') continue
      const content = JSON.parse(line.slice(6)).choices[0]?.delta?.content
      if (content) found.push(content)
    }
  }
  return perRead && found.length > 1 ? [found.join('')] : found
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
  try {
    await stream(message, reply)
  } catch (error) {
    // Read by the benchmark: a failed stream must fail the run, not leave it waiting.
    window.naiveError = String(error)
  }
  log.setAttribute('aria-busy', 'false')
}

async function stream(message, reply) {
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
    for (const delta of deltas(events)) {
      source += delta
      reply.innerHTML = md.render(source)
      window.naiveRenders += 1
      log.scrollTop = log.scrollHeight
    }
  }
}

input.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.shiftKey) return
  event.preventDefault()
  const message = input.value.trim()
  input.value = ''
  if (message !== '') void send(message)
})
