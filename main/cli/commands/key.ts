/**
 * `attune-ops key set|status|delete`: the Anthropic admin key in the OS keychain.
 * `set` reads the key from stdin (hidden typing on a terminal, or piped), validates it
 * like `PUT /api/costs/key`, and stores it. Output never contains the key: at most its
 * last four characters.
 */
import { isOpsError } from '../../core/errors.js';
import { ADMIN_KEY_ENV } from '../../secrets/admin-key.js';
import type { AdminKeyStatus } from '../../costs/cost-types.js';
import { costCliServices, readSecret, type CostCliDeps } from '../cost-services.js';
import type { CliIo } from '../io.js';

export const KEY_USAGE = `Usage: attune-ops key <set|status|delete>

  set      read an admin key (sk-ant-admin…) from stdin and store it in the OS keychain
  status   show whether a key is configured and where it comes from
  delete   remove the key from the OS keychain
`;

export async function keyCommand(argv: string[], io: CliIo, deps: CostCliDeps = {}): Promise<number> {
  const [action, ...extra] = argv;
  if (action === '-h' || action === '--help') {
    io.stdout.write(KEY_USAGE);
    return 0;
  }
  if (!action || !['set', 'status', 'delete'].includes(action) || extra.length > 0) {
    io.stderr.write(`attune-ops key: expected set, status or delete\n${KEY_USAGE}`);
    return 2;
  }
  const services = await costCliServices(io, deps);
  const { adminKey } = services.costs;
  try {
    if (action === 'status') {
      const status = await adminKey.status();
      io.stdout.write(`${describeStatus(status)}\n`);
      return status.configured ? 0 : 1;
    }
    if (action === 'delete') {
      const { removed, status } = await adminKey.remove();
      io.stdout.write(
        removed
          ? `Removed the admin key from the OS keychain.${envNote(status)}\n`
          : `No admin key was stored in the OS keychain; nothing removed.${envNote(status)}\n`,
      );
      return 0;
    }
    const key = await readSecret(io, 'Anthropic admin key (input hidden): ');
    if (key === null) {
      io.stderr.write('Cancelled; nothing stored.\n');
      return 130;
    }
    const status = await adminKey.save(key);
    io.stdout.write(`Stored the admin key (ending …${key.slice(-4)}) in the OS keychain.${envNote(status)}\n`);
    return 0;
  } catch (error) {
    if (!isOpsError(error)) throw error;
    io.stderr.write(`attune-ops key ${action}: ${error.message}\n`);
    return 1;
  } finally {
    services.logger.flush?.();
  }
}

function describeStatus(status: AdminKeyStatus): string {
  if (status.configured)
    return `Admin key: configured from ${status.source === 'env' ? ADMIN_KEY_ENV : 'the OS keychain'} (ends in …${status.last4}).`;
  if (status.unavailableReason)
    return `Admin key: the OS keychain is unavailable (${status.unavailableReason}). Unlock or start it, or set ${ADMIN_KEY_ENV}.`;
  return `Admin key: not configured. Run \`attune-ops key set\` and paste an admin key (sk-ant-admin…), or set ${ADMIN_KEY_ENV}.`;
}

function envNote(status: AdminKeyStatus): string {
  return status.source === 'env' ? ` Note: ${ADMIN_KEY_ENV} is set and takes precedence.` : '';
}
