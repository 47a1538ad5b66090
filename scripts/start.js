// `npm start`: build the app when the build is missing or older than the sources, then serve it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = 'build/handler.js';
const stale =
	!existsSync(built) ||
	!existsSync('build/cli/index.js') ||
	Math.max(newest('src'), newest('drizzle'), newest('static')) > statSync(built).mtimeMs;

if (stale) {
	console.log('Building cartoparty…');
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

await import('../server.js');
