/** The realtime server's limits and timings, with defaults sized for a carto party. */

export interface Limits {
	/** Largest websocket message we accept; larger ones close the socket with 4413. */
	maxFrameBytes: number;
	/** Largest stored size of one room's document (estimated from its rows). */
	maxDocBytes: number;
	/** Largest awareness update (presence) from one socket. */
	maxAwarenessBytes: number;
	/** Messages a socket may send per second on average, and in a burst. */
	messagesPerSecond: number;
	messageBurst: number;
	/** Bytes a socket may send before its room is loaded (they wait in memory). */
	maxQueuedBytes: number;
	/**
	 * Bytes waiting to be sent to one socket; a client that reads slower than its room writes is
	 * cut off (it reconnects and syncs afresh) rather than held in memory.
	 */
	maxBufferedBytes: number;
	/** Open sockets of one user in one process (tabs × rooms); more are closed with 4429. */
	maxSocketsPerUser: number;
	/** Upgrades being authenticated at once; more are answered 503. */
	maxPendingUpgrades: number;
	/** A room with no socket for this long is flushed and unloaded. */
	idleUnloadMs: number;
	/** Every socket is pinged this often; one that missed the previous pong is terminated. */
	pingIntervalMs: number;
	/** How often the memberships and party status of connected users are read again. */
	recheckIntervalMs: number;
	/** A loaded room with this many rows written since its last merge is compacted. */
	compactAfterRows: number;
	/**
	 * With Redis, how often recent rows of loaded rooms are read back: an update stored by a
	 * process that died before publishing it still reaches the other processes.
	 */
	catchUpIntervalMs: number;
}

export const DEFAULT_LIMITS: Limits = {
	maxFrameBytes: 1024 * 1024,
	maxDocBytes: 8 * 1024 * 1024,
	maxAwarenessBytes: 8 * 1024,
	messagesPerSecond: 50,
	messageBurst: 400,
	maxQueuedBytes: 2 * 1024 * 1024,
	maxBufferedBytes: 4 * 1024 * 1024,
	maxSocketsPerUser: 50,
	maxPendingUpgrades: 512,
	idleUnloadMs: 30_000,
	pingIntervalMs: 10_000,
	recheckIntervalMs: 2_000,
	compactAfterRows: 200,
	catchUpIntervalMs: 30_000
};

/** A token bucket: `take()` is false once the socket has spent its burst faster than the rate. */
export class RateLimiter {
	private tokens: number;
	private last = Date.now();

	constructor(
		private readonly perSecond: number,
		private readonly burst: number
	) {
		this.tokens = burst;
	}

	take(): boolean {
		const now = Date.now();
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
		this.last = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}
