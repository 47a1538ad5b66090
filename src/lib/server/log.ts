/**
 * Named module loggers (`cartoparty/realtime`, `cartoparty/import`…). The level comes from
 * LOG_LEVEL; LOG_FILTER, a comma-separated list of module name prefixes, narrows debug output.
 */
const ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof ORDER;

function threshold(): number {
	const level = (process.env.LOG_LEVEL || 'info') as Level;
	return ORDER[level] ?? ORDER.info;
}

function enabledFor(name: string): boolean {
	const filter = process.env.LOG_FILTER;
	if (!filter) return true;
	return filter.split(',').some((prefix) => name.startsWith(prefix.trim()));
}

export interface Logger {
	debug(message: string, details?: unknown): void;
	info(message: string, details?: unknown): void;
	warn(message: string, details?: unknown): void;
	error(message: string, details?: unknown): void;
}

export function logger(module: string): Logger {
	const name = `cartoparty/${module}`;
	const write = (level: Level) => (message: string, details?: unknown) => {
		if (ORDER[level] < threshold()) return;
		if (level === 'debug' && !enabledFor(name)) return;
		const line = `${new Date().toISOString()} ${level.toUpperCase()} [${name}] ${message}`;
		const out = level === 'error' || level === 'warn' ? console.error : console.log;
		if (details === undefined) out(line);
		else out(line, details);
	};
	return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
