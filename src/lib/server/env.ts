/**
 * Every environment variable cartoparty reads, declared and checked once.
 *
 * This module reads `process.env` itself instead of `$env/*` so that the websocket server and
 * the CLI, which run outside SvelteKit, share it. `.env.example` documents each variable.
 */
import { resolve } from 'node:path';

export interface Config {
	/** PostgreSQL connection string; when absent the embedded PGlite database is used. */
	databaseUrl: string | null;
	/** Where the embedded database and other local state live. */
	dataDir: string;
	/** Redis connection string to share collaboration rooms between several server processes. */
	redisUrl: string | null;
	port: number;
	host: string;
	/** Import the bundled sample listings into an empty database at first start. */
	seedDemo: boolean;
	/** Largest accepted import upload, in bytes. */
	maxUploadBytes: number;
	logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

class ConfigError extends Error {
	constructor(name: string, value: string, rule: string) {
		super(`Invalid environment variable ${name}=${JSON.stringify(value)}: ${rule}`);
	}
}

function integer(name: string, fallback: number, min: number, max: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new ConfigError(name, raw, `expected an integer between ${min} and ${max}`);
	}
	return value;
}

function url(name: string, protocols: string[]): string | null {
	const raw = process.env[name];
	if (!raw) return null;
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new ConfigError(name, raw, 'not a URL');
	}
	if (!protocols.includes(parsed.protocol)) {
		throw new ConfigError(name, raw, `expected a ${protocols.join(' or ')} URL`);
	}
	return raw;
}

function flag(name: string, fallback: boolean): boolean {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	if (['1', 'true', 'yes'].includes(raw)) return true;
	if (['0', 'false', 'no'].includes(raw)) return false;
	throw new ConfigError(name, raw, 'expected true or false');
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export function readConfig(): Config {
	const logLevel = (process.env.LOG_LEVEL || 'info') as Config['logLevel'];
	if (!LOG_LEVELS.includes(logLevel)) {
		throw new ConfigError('LOG_LEVEL', logLevel, `expected one of ${LOG_LEVELS.join(', ')}`);
	}

	return {
		databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
		dataDir: resolve(process.env.DATA_DIR || './data'),
		redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
		port: integer('PORT', 3000, 0, 65535),
		host: process.env.HOST || '0.0.0.0',
		seedDemo: flag('SEED_DEMO', true),
		maxUploadBytes: integer('MAX_UPLOAD_BYTES', 50 * 1024 * 1024, 1024, 1024 ** 3),
		logLevel
	};
}

let cached: Config | undefined;

/** The process configuration, read on first use. */
export function config(): Config {
	cached ??= readConfig();
	return cached;
}
