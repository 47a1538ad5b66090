/**
 * The address participants' phones can open. A facilitator who started cartoparty on a laptop
 * and opened http://localhost:3000 would otherwise hand out links to "localhost", which is each
 * phone itself. When the page was reached on a loopback address, links use the laptop's
 * address on the local network instead (participants then need to be on the same network).
 * With ORIGIN set, or when the page came through any other address, links use it as it is.
 */
import { networkInterfaces } from 'node:os';

export interface ShareBase {
	origin: string;
	/** Why the origin differs from the page's, in French, or null when it does not. */
	note: string | null;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The first IPv4 address of this machine on a network, if any. */
function localNetworkAddress(): string | null {
	for (const addresses of Object.values(networkInterfaces())) {
		for (const address of addresses ?? []) {
			if (address.family === 'IPv4' && !address.internal) return address.address;
		}
	}
	return null;
}

export function shareBase(page: URL, configuredOrigin = process.env.ORIGIN): ShareBase {
	if (configuredOrigin || !LOOPBACK.test(page.hostname)) return { origin: page.origin, note: null };
	const lan = localNetworkAddress();
	if (!lan) {
		return {
			origin: page.origin,
			note:
				'Ce lien désigne cet ordinateur (localhost) : il ne s’ouvre que sur lui. ' +
				'Pour les téléphones des participants, démarrez cartoparty sur une adresse du réseau ou définissez ORIGIN.'
		};
	}
	const origin = `${page.protocol}//${lan}${page.port ? `:${page.port}` : ''}`;
	return {
		origin,
		note:
			`Ce lien utilise l’adresse de cet ordinateur sur le réseau local (${lan}) : ` +
			'les participants doivent être connectés au même réseau (wifi du lieu). ' +
			'Pour une adresse publique, définissez ORIGIN.'
	};
}
