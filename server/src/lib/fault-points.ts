import { readFileSync } from 'node:fs';

/**
 * Named fault points for the fault-injection suite (`npm run test:faults`, docs/reliability.md).
 * Production never arms them: without OPENSMH_FAULT_POINTS_FILE every `faultPoint()` is a no-op
 * that returns at once. With it, each hit re-reads that file (one `name=action` per line), so a
 * test can start a server, prepare data, and only then arm the point it wants to crash at.
 *
 * Actions: `kill` (SIGKILL: no cleanup runs, as in a crash or an OOM kill), `throw` (an Error),
 * `enospc` (an Error with code ENOSPC, as a full disk), `reject` (an unhandled promise rejection).
 */
export type FaultAction = 'kill' | 'throw' | 'enospc' | 'reject';

let armedFile: string | null = null;

/** Called once by main.ts with the configured file (null = faults off). */
export function configureFaultPoints(file: string | null): void {
  armedFile = file;
}

function armedAction(name: string): FaultAction | null {
  if (armedFile === null) {
    return null;
  }
  let text = '';
  try {
    text = readFileSync(armedFile, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [point, action] = line.trim().split('=');
    if (point === name && (action === 'kill' || action === 'throw' || action === 'enospc' || action === 'reject')) {
      return action;
    }
  }
  return null;
}

/** Marks a named point; does what the armed action says, or nothing. */
export function faultPoint(name: string): void {
  const action = armedAction(name);
  switch (action) {
    case null:
      return;
    case 'kill':
      process.kill(process.pid, 'SIGKILL');
      return;
    case 'throw':
      throw new Error(`fault injected at ${name}`);
    case 'enospc':
      throw Object.assign(new Error(`ENOSPC: no space left on device (fault injected at ${name})`), { code: 'ENOSPC', errno: -28 });
    case 'reject':
      void Promise.reject(new Error(`unhandled rejection injected at ${name}`));
      return;
  }
}
