const KEY_LIKE = /\b(?:sk|rk|pk)-[A-Za-z0-9_*.-]{6,}/g

/**
 * Removes anything that looks like an API key (`sk-...`, also OpenAI's half-masked echo
 * `sk-abc***xyz`) and the given secrets from a message before it can reach a client.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]')
  }
  return out.replace(KEY_LIKE, '[redacted]')
}
