/** Exit status for a command line we could not understand (as getopt-style tools use). */
export const USAGE_EXIT_CODE = 2;

/**
 * An error the CLI reports as `opensmh: <code>: <message>`. Server errors keep the server's SMH
 * code (e.g. InvalidAdminKey) so scripts can match on it; local failures get codes of our own.
 */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function usageError(message: string): CliError {
  return new CliError('UsageError', message, USAGE_EXIT_CODE);
}
