/**
 * Debian's chromium driven by playwright-core (never a downloaded browser), headless, with the
 * flags this machine needs: no sandbox as root, no GPU, no background connections.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-quic',
			'--no-first-run'
		]
	});
}

/**
 * A page in a context of its own (its own cookies, as another person's browser), desktop-sized
 * unless told otherwise, whose script errors are printed with `name`.
 */
export async function openPage(
	browser: Browser,
	{ name = 'page', viewport = { width: 1280, height: 900 } } = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`));
	return { context, page };
}
