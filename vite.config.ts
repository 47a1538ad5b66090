import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * In `vite dev` and `vite preview`, the collaboration websocket shares Vite's HTTP server, as
 * it shares the app's port in production. Other upgrades (Vite's HMR) are left alone.
 */
function realtime(): Plugin {
	const attach = (server: ViteDevServer | PreviewServer, load: () => Promise<unknown>) => {
		server.httpServer?.on('upgrade', async (req, socket, head) => {
			if (!req.url?.startsWith('/yjs/')) return;
			const mod = (await load()) as {
				processRealtime(): Promise<{ handleUpgrade: (...args: unknown[]) => void }>;
			};
			(await mod.processRealtime()).handleUpgrade(req, socket, head);
		});
	};
	return {
		name: 'cartoparty-realtime',
		configureServer(server) {
			attach(server, () => server.ssrLoadModule('/src/realtime/process.ts'));
		},
		configurePreviewServer(server) {
			const REALTIME = Symbol.for('cartoparty.realtime');
			attach(server, async () => ({
				processRealtime: () => (globalThis as Record<symbol, unknown>)[REALTIME]
			}));
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), realtime()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts'],
					testTimeout: 20_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 180_000,
					hookTimeout: 180_000,
					fileParallelism: false,
					// A browser on a loaded 2-core machine can take seconds to connect and sync;
					// vitest's default of one second for `expect.poll` is made for unit tests.
					expect: { poll: { timeout: 15_000, interval: 50 } }
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'bench',
					environment: 'node',
					include: ['tests/bench/**/*.bench.ts'],
					benchmark: { include: ['tests/bench/**/*.bench.ts'] }
				}
			}
		]
	}
});
