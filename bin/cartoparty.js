#!/usr/bin/env node
// `npx cartoparty …`: runs the built CLI, or the TypeScript sources through Vite when the app
// has not been built yet (a development checkout).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// File arguments are relative to where the command was typed; the database settings (DATA_DIR,
// drizzle/) are relative to the app, as for the server.
const cwd = process.cwd();
process.chdir(root);
const built = join(root, 'build/cli/index.js');

let main;
if (existsSync(built)) {
	({ main } = await import(built));
} else {
	const { createServer } = await import('vite');
	const vite = await createServer({
		configFile: join(root, 'vite.cli.config.ts'),
		server: { middlewareMode: true, hmr: false, ws: false },
		appType: 'custom',
		logLevel: 'error'
	});
	({ main } = await vite.ssrLoadModule('/src/cli/index.ts'));
	process.once('beforeExit', () => vite.close());
}
process.exitCode = await main(process.argv.slice(2), { cwd });
