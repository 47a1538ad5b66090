import { describe, expect, test } from 'vitest';
import { minutes, RateLimiter } from './rate-limit';

function clocked(max: number, windowMs: number, maxKeys?: number) {
	const clock = { now: 1_000_000 };
	const limiter = new RateLimiter({ max, windowMs, maxKeys, now: () => clock.now });
	return { clock, limiter };
}

describe('rate limiter', () => {
	test('allows max attempts per window, then refuses until the window ends', () => {
		const { clock, limiter } = clocked(3, 60_000);

		const verdicts = Array.from({ length: 4 }, () => limiter.consume('a').allowed);
		clock.now += 45_000;
		const stillRefused = limiter.consume('a');
		clock.now += 15_000;

		expect(verdicts).toEqual([true, true, true, false]);
		expect(stillRefused).toEqual({ allowed: false, retryAfterMs: 15_000 });
		expect(limiter.consume('a').allowed).toBe(true);
	});

	test('keys are counted apart, and a reset forgets one', () => {
		const { limiter } = clocked(1, 60_000);
		limiter.consume('a');

		expect(limiter.consume('b').allowed).toBe(true);
		expect(limiter.consume('a').allowed).toBe(false);
		limiter.reset('a');
		expect(limiter.consume('a').allowed).toBe(true);
	});

	test('memory stays bounded: past maxKeys, expired then oldest keys are dropped', () => {
		const { clock, limiter } = clocked(1, 60_000, 100);
		for (let i = 0; i < 100; i++) limiter.consume(`old${i}`);
		clock.now += 30_000;
		for (let i = 0; i < 150; i++) limiter.consume(`new${i}`);

		expect(limiter.size).toBe(100);
		// The newest keys are kept with their count.
		expect(limiter.consume('new149').allowed).toBe(false);
	});

	test('waiting times are given in whole minutes, at least one', () => {
		expect([minutes(1), minutes(60_000), minutes(60_001), minutes(14 * 60_000 + 1)]).toEqual([
			1, 1, 2, 15
		]);
	});
});
