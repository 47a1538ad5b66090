import { afterEach, describe, expect, test } from 'vitest';
import { BUS_UPDATE, createBus, type Bus } from '../../src/realtime/bus';
import { REDIS_URL, redisPrefix, until } from '../helpers/realtime';

const opened: Bus[] = [];
afterEach(async () => {
	await Promise.all(opened.splice(0).map((bus) => bus.close()));
});

describe('the Redis bus', () => {
	test('subscribes rooms asked for while connecting, without dropping its connection', async () => {
		const redis = redisPrefix();
		const talking = createBus(REDIS_URL, redis.prefix);
		opened.push(talking);
		const received = new Map<number, number[][]>();
		let reconnections = 0;

		// Subscribing at several moments of the connection (TCP up, ready check pending...).
		const delays = [0, 1, 2, 3, 5, 8, 12, 20];
		await Promise.all(
			delays.map(async (delay) => {
				const listening = createBus(REDIS_URL, redis.prefix);
				opened.push(listening);
				listening.onReconnect(() => reconnections++);
				received.set(delay, []);
				await new Promise((r) => setTimeout(r, delay));
				await listening.subscribe('party.p1', (kind, payload) =>
					received.get(delay)!.push([kind, ...payload])
				);
			})
		);
		await new Promise((r) => setTimeout(r, 500));
		talking.publish('party.p1', BUS_UPDATE, new Uint8Array([7, 8]));

		const seen = await until(
			() => [...received.values()].map((list) => list.length),
			(counts) => counts.every((n) => n >= 1)
		);
		expect(seen).toEqual(delays.map(() => 1));
		expect(reconnections).toBe(0);
		await redis.clean();
	});
});
