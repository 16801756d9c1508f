import { spawn } from 'node:child_process';

export class ToolError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'failed' | 'too-large',
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export interface RunOptions {
  timeoutMs: number;
  /** stdout beyond this many bytes kills the tool */
  maxOutputBytes: number;
  cwd?: string;
}

/**
 * Runs an external program in its own process group and resolves with its stdout. A tool that
 * runs past the timeout (a PDF that makes it loop) or floods stdout is killed with its whole
 * group (soffice forks), so nothing it started outlives the request.
 */
export function runTool(command: string, args: readonly string[], options: RunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: options.cwd });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: ToolError | null = null;
    const kill = (error: ToolError) => {
      failure ??= error;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => kill(new ToolError(`${command} timed out`, 'timeout')), options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxOutputBytes) {
        kill(new ToolError(`${command} output too large`, 'too-large'));
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new ToolError(`${command}: ${error.message}`, 'failed'));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) {
        reject(failure);
      } else if (code !== 0) {
        reject(new ToolError(`${command} exited with ${code}: ${stderr.trim()}`, 'failed'));
      } else {
        resolve(Buffer.concat(chunks));
      }
    });
  });
}
