#!/usr/bin/env node
// `npx cartoparty …`: runs the built CLI, or the TypeScript sources through Vite when the app
// has not been built yet or its sources changed since (a development checkout).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// File arguments are relative to where the command was typed; the database settings (DATA_DIR,
// drizzle/) are relative to the app, as for the server.
const cwd = process.cwd();
process.chdir(root);
const built = join(root, 'build/cli/index.js');

function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = join(root, 'src');
const current =
	existsSync(built) && (!existsSync(sources) || newest(sources) <= statSync(built).mtimeMs);

// `cartoparty export | head`: a reader that stops early is not an error.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

let main;
let close = async () => {};
if (current) {
	({ main } = await import(built));
} else {
	const { createServer } = await import('vite');
	const vite = await createServer({
		configFile: join(root, 'vite.cli.config.ts'),
		server: { middlewareMode: true, hmr: false, ws: false, watch: null },
		appType: 'custom',
		logLevel: 'error'
	});
	({ main } = await vite.ssrLoadModule('/src/cli/index.ts'));
	close = () => vite.close();
}
process.exitCode = await main(process.argv.slice(2), { cwd });
await close();
