import { run } from './cli.js';

// Process entry: the only place that touches process.*; run() itself takes everything by argument.
process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
