/**
 * The built app and the test on one PostgreSQL database (DATABASE_URL, or the local server;
 * PGlite cannot be opened by two processes), so that a browser test can write the rows its
 * pages show: parties, sessions, proposals, import batches.
 */
import type { Browser, Page } from 'playwright-core';
import * as session from '../../src/lib/server/auth/session';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { startApp, type RunningApp } from './app';
import { launchBrowser, openPage } from './browser';
import { createPostgresDatabase } from './db';

const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface SharedApp {
	app: RunningApp;
	handle: DatabaseHandle;
	browser: Browser;
	/** A session for a user, as their browser would hold after signing in. */
	signIn(userId: string): Promise<string>;
	/** A new browser page carrying a session token; page errors are printed with `name`. */
	pageWith(token: string, options?: { name?: string; viewport?: Viewport }): Promise<Page>;
	stop(): Promise<void>;
}

type Viewport = { width: number; height: number };

export async function startSharedApp(): Promise<SharedApp> {
	const database = await createPostgresDatabase(ADMIN_URL);
	const app = await startApp({ database: { url: database.url } });
	const handle = await openDatabase({ databaseUrl: database.url, dataDir: 'memory' });
	const browser = await launchBrowser();

	return {
		app,
		handle,
		browser,
		async signIn(userId) {
			const token = session.generateToken();
			await session.create(handle.db, token, userId);
			return token;
		},
		async pageWith(token, { name = 'page', viewport = { width: 1280, height: 900 } } = {}) {
			const { context, page } = await openPage(browser, { name, viewport });
			await context.addCookies([
				{ name: session.SESSION_COOKIE, value: token, url: app.url, httpOnly: true }
			]);
			return page;
		},
		async stop() {
			await browser.close();
			await handle.close();
			await app.stop();
			await database.drop();
		}
	};
}
