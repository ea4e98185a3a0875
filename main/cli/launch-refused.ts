/**
 * A launch the CLI refuses (bad input, an unusable attune home), raised where a command's
 * fixed signature leaves no room for a result value (the cost commands' services) and
 * turned by `runCli` into its one line on stderr and its exit code; never a stack trace.
 */
export class LaunchRefused extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'LaunchRefused';
  }
}
