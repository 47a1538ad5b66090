/**
 * In-memory attempt counters with a fixed window per key (login: client address + username).
 * Memory only: a restart forgets them, and several processes each keep their own.
 * TODO: move the counters to Redis when REDIS_URL is set, if several processes serve logins.
 */
export interface RateLimitOptions {
	/** Attempts allowed per window. */
	max: number;
	windowMs: number;
	/** Keys kept at most; expired ones go first, then the oldest. */
	maxKeys?: number;
	now?: () => number;
}

export interface Verdict {
	allowed: boolean;
	/** When refused, how long until the window ends. */
	retryAfterMs: number;
}

interface Window {
	startedAt: number;
	count: number;
}

export class RateLimiter {
	readonly #windows = new Map<string, Window>();
	readonly #options: Required<RateLimitOptions>;

	constructor(options: RateLimitOptions) {
		this.#options = {
			...options,
			maxKeys: options.maxKeys ?? 10_000,
			now: options.now ?? Date.now
		};
	}

	/** Counts one attempt for the key and says whether it may go ahead. */
	consume(key: string): Verdict {
		const { max, windowMs, now } = this.#options;
		const time = now();
		let window = this.#windows.get(key);
		if (!window || time - window.startedAt >= windowMs) {
			window = { startedAt: time, count: 0 };
			this.#windows.delete(key);
			this.#windows.set(key, window);
			this.#prune(time);
		}

		if (window.count >= max) {
			return { allowed: false, retryAfterMs: window.startedAt + windowMs - time };
		}
		window.count++;
		return { allowed: true, retryAfterMs: 0 };
	}

	/** Forgets a key, after a successful login for instance. */
	reset(key: string): void {
		this.#windows.delete(key);
	}

	get size(): number {
		return this.#windows.size;
	}

	#prune(time: number) {
		const { maxKeys, windowMs } = this.#options;
		if (this.#windows.size <= maxKeys) return;
		for (const [key, window] of this.#windows) {
			if (time - window.startedAt >= windowMs) this.#windows.delete(key);
		}
		// Map order is insertion order, and a new window is re-inserted: the first are the oldest.
		for (const key of this.#windows.keys()) {
			if (this.#windows.size <= maxKeys) break;
			this.#windows.delete(key);
		}
	}
}

/** Minutes, rounded up, for a French message. */
export function minutes(ms: number): number {
	return Math.max(1, Math.ceil(ms / 60_000));
}
