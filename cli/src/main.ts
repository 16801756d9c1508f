import { run } from './cli.js';

// Process entry: the only place that touches process.*; run() itself takes everything by argument.
// `opensmh ls | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    process.exit(0);
  }
  throw error;
});
// Ctrl-C aborts transfers (multipart state stays for the next run); a second Ctrl-C kills.
const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns,
  signal: interrupt.signal,
});
