/**
 * Tells the realtime server in this process to drop sockets that lost their right to a party.
 * The database stays the truth: the realtime server also re-checks memberships periodically,
 * which covers other processes and a failure here, so a failure is logged and not thrown.
 */
import { logger } from '../log';

const log = logger('parties');

interface Revocable {
	revoke?(target: { partyId: string; userId?: string }): void | Promise<void>;
}

export async function notifyRevoked(target: { partyId: string; userId?: string }): Promise<void> {
	try {
		const { runningRealtime } = await import('$realtime/process');
		// No server in this process (CLI, tests): the servers' periodic re-check will see it.
		const realtime = (await runningRealtime()) as Revocable | null;
		await realtime?.revoke?.(target);
	} catch (error) {
		log.warn(`could not notify the realtime server of a revocation in ${target.partyId}`, error);
	}
}
