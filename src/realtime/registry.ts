/**
 * Every realtime server alive in this process, on globalThis because the SvelteKit bundle and
 * Vite's module graph may each load this module. Readers of drafts flush them first.
 */
import type { Realtime } from './process';

const INSTANCES = Symbol.for('cartoparty.realtime.instances');
type Registry = { [INSTANCES]?: Set<Realtime> };

export function liveInstances(): Set<Realtime> {
	const holder = globalThis as Registry;
	holder[INSTANCES] ??= new Set();
	return holder[INSTANCES];
}
