/**
 * A real nginx for tests: one foreground process (`daemon off; master_process off`) with a
 * generated config whose every path (pid, logs, temp files) lives in a fresh temp directory,
 * listening on a free 127.0.0.1 port. Nothing outside the temp dir is read or written, so it runs
 * unprivileged and next to a system nginx.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { awaitServer, findBinary, freePort } from './local-servers.js'

/** The nginx binary (`NGINX_BIN`, the Debian location, or `nginx` on the PATH), if any. */
export function findNginx(): string | undefined {
  return findBinary('nginx', 'NGINX_BIN')
}

/** A running nginx. */
export interface TestNginx {
  /** e.g. `http://127.0.0.1:PORT` */
  url: string
  /** The generated `nginx.conf`, for failure messages. */
  config: string
  /** Stops nginx and removes its temp dir. Safe to call twice. */
  close(): Promise<void>
}

/**
 * Starts nginx with `serverBody` as the body of its only `server` block (the `listen` line is
 * added).
 * `httpExtra` goes into the `http` block (e.g. gzip settings).
 */
export async function startNginx(
  binary: string,
  serverBody: string,
  httpExtra = '',
): Promise<TestNginx> {
  const dir = await mkdtemp(join(tmpdir(), 'typewriter-nginx-'))
  const port = await freePort()
  const temp = (name: string): string => `${name}_temp_path ${join(dir, name)};`
  const config = [
    'daemon off;',
    'master_process off;',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    `  access_log off;`,
    `  ${temp('client_body')}`,
    `  ${temp('proxy')}`,
    `  ${temp('fastcgi')}`,
    `  ${temp('uwsgi')}`,
    `  ${temp('scgi')}`,
    httpExtra,
    '  server {',
    `    listen 127.0.0.1:${port};`,
    serverBody,
    '  }',
    '}',
    '',
  ].join('\n')
  const configFile = join(dir, 'nginx.conf')
  await writeFile(configFile, config)

  // `-e` keeps nginx from touching the compiled-in error log before it has read the config.
  const child = spawn(binary, ['-p', dir, '-c', configFile, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()))
  const close = await awaitServer(child, port, dir, async () => {
    const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')
    return `nginx did not start:\n${stderr}${log}\nconfig:\n${config}`
  })
  return { url: `http://127.0.0.1:${port}`, config, close }
}
