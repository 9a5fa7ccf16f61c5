// Child processes of the relay benchmark: spawn pinned to a CPU when `taskset` exists, talk over
// IPC, and read a child's resident memory (peak included, resettable) and CPU time from /proc.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync, writeFileSync } from 'node:fs'

export const hasTaskset = spawnSync('taskset', ['-V']).status === 0
// Clock ticks per second, the unit of /proc/<pid>/stat's CPU times.
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100

/** `argv` run on `cpu` when pinning is available (`taskset` execs it: the pid stays its own). */
export function onCpu(cpu, argv) {
  return hasTaskset ? ['taskset', '-c', String(cpu), ...argv] : argv
}

/** Pins this process (every thread) to `cpu`; false when pinning is unavailable. */
export function pinSelf(cpu) {
  if (!hasTaskset) return false
  return spawnSync('taskset', ['-a', '-cp', String(cpu), String(process.pid)]).status === 0
}

/**
 * Starts `script` with an IPC channel (on `cpu` when pinning is available); resolves with its first
 * message (`ready`, carrying the port of a server) once it arrived.
 */
export async function startChild(script, { cpu, env = {}, execArgv = [] }) {
  const [command, ...args] = onCpu(cpu, [process.execPath, ...execArgv, script])
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  // A child that dies must fail the benchmark, not leave it waiting for a message forever.
  const exited = once(child, 'exit').then(([code, signal]) => {
    throw new Error(`${script} exited (${signal ?? code})`)
  })
  exited.catch(() => {})
  const nextMessage = async () => (await Promise.race([once(child, 'message'), exited]))[0]
  const ready = await nextMessage()
  const ask = async (type) => {
    child.send({ type })
    for (;;) {
      const reply = await nextMessage()
      if (reply.type === type || (type === 'gc' && reply.type === 'usage')) return reply
    }
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
  return { pid: child.pid, port: ready.port, ready, ask, stop, pinned: hasTaskset }
}

/** `VmRSS` and `VmHWM` (peak) of a process in bytes, from /proc. */
export function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024
  return { rss: field('VmRSS'), peak: field('VmHWM') }
}

/** Resets a process's peak RSS to its current RSS (Linux `clear_refs` 5); false if not allowed. */
export function resetPeakMemory(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** User + system CPU time a process has used, in ms (`utime` + `stime` of /proc/<pid>/stat). */
export function cpuTimeMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces) start with the state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
}
