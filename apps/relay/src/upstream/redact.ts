const KEY_LIKE = /\b(?:sk|rk|pk)-[A-Za-z0-9_*.-]{6,}/g

/** The most of an upstream's error text a log line keeps: enough for a message, not a whole page. */
const LOG_TEXT_LIMIT = 1000

/**
 * Removes anything that looks like an API key (`sk-...`, also OpenAI's half-masked echo
 * `sk-abc***xyz`) and the given secrets from a message.
 */
function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]')
  }
  return out.replace(KEY_LIKE, '[redacted]')
}

/**
 * Upstream text made fit for one log line: secrets redacted, line breaks and other control
 * characters as spaces (so the upstream cannot forge log lines), and cut at a bound.
 */
export function redactForLog(text: string, secrets: readonly string[] = []): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const flat = redactSecrets(text, secrets).replace(/[\u0000-\u001f\u007f]+/g, ' ')
  return flat.length > LOG_TEXT_LIMIT
    ? `${flat.slice(0, LOG_TEXT_LIMIT)}… (${flat.length} chars)`
    : flat
}
