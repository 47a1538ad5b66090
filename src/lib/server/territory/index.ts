/**
 * French territories from @etalab/decoupage-administratif (shipped in the npm package, never
 * downloaded): communes with their postcodes, EPCI with their member communes, départements.
 * Loaded lazily once per process: the commune file alone is 8.6 MB of JSON.
 */
import { createRequire } from 'node:module';
import type { TerritoryKind } from '../db/schema';

const require = createRequire(import.meta.url);

export interface Commune {
	code: string;
	nom: string;
	departement: string;
	codesPostaux: string[];
	/** 'commune-actuelle', or a former commune ('commune-deleguee', 'commune-associee'), or a city district. */
	type: string;
	/** For a former commune, the current commune it belongs to. */
	chefLieu?: string;
	/** For a city district (Paris, Lyon, Marseille), its commune. */
	commune?: string;
	population?: number;
}

export interface Epci {
	code: string;
	nom: string;
	membres: { code: string; nom: string }[];
}

export interface Departement {
	code: string;
	nom: string;
}

export interface Territory {
	kind: TerritoryKind;
	code: string;
	name: string;
	/** INSEE codes of the current communes it covers (and city districts). */
	communes: string[];
	/** Postcodes used by those communes; some are shared with neighbouring communes. */
	postcodes: string[];
}

interface Tables {
	communes: Commune[];
	communesByCode: Map<string, Commune>;
	communesByPostcode: Map<string, Commune[]>;
	epci: Epci[];
	epciByCode: Map<string, Epci>;
	departements: Departement[];
}

let tables: Tables | undefined;

function load(): Tables {
	if (tables) return tables;
	const communes = require('@etalab/decoupage-administratif/data/communes.json') as Commune[];
	const epci = require('@etalab/decoupage-administratif/data/epci.json') as Epci[];
	const departements = require('@etalab/decoupage-administratif/data/departements.json') as Departement[];

	const communesByCode = new Map<string, Commune>();
	const communesByPostcode = new Map<string, Commune[]>();
	for (const commune of communes) {
		// A current commune wins over a former one sharing its code.
		if (!communesByCode.has(commune.code) || commune.type === 'commune-actuelle') {
			communesByCode.set(commune.code, commune);
		}
		for (const postcode of commune.codesPostaux ?? []) {
			const list = communesByPostcode.get(postcode) ?? [];
			list.push(commune);
			communesByPostcode.set(postcode, list);
		}
	}
	tables = {
		communes,
		communesByCode,
		communesByPostcode,
		epci,
		epciByCode: new Map(epci.map((e) => [e.code, e])),
		departements
	};
	return tables;
}

export function commune(code: string): Commune | undefined {
	return load().communesByCode.get(code);
}

/** Communes (current and former) that use a postcode. */
export function communesByPostcode(postcode: string): Commune[] {
	return load().communesByPostcode.get(postcode) ?? [];
}

export function epci(code: string): Epci | undefined {
	return load().epciByCode.get(code);
}

export function departement(code: string): Departement | undefined {
	return load().departements.find((d) => d.code === code);
}

/** Resolves a territory by kind and code, or undefined when it does not exist. */
export function territory(kind: TerritoryKind, code: string): Territory | undefined {
	const found = communesOf(kind, code);
	if (!found) return undefined;
	const postcodes = new Set<string>();
	for (const c of found.communes) for (const p of commune(c)?.codesPostaux ?? []) postcodes.add(p);
	return { ...found, postcodes: [...postcodes] };
}

function communesOf(kind: TerritoryKind, code: string): Omit<Territory, 'postcodes'> | undefined {
	const t = load();
	if (kind === 'commune') {
		const c = t.communesByCode.get(code);
		if (!c || c.type !== 'commune-actuelle') return undefined;
		// Lyon, Marseille and Paris: listings may carry the district codes.
		const districts = t.communes
			.filter((d) => d.type === 'arrondissement-municipal' && d.commune === code)
			.map((d) => d.code);
		return { kind, code, name: c.nom, communes: [code, ...districts] };
	}
	if (kind === 'epci') {
		const e = t.epciByCode.get(code);
		return e && { kind, code, name: e.nom, communes: e.membres.map((m) => m.code) };
	}
	const d = departement(code);
	if (!d) return undefined;
	const communes = t.communes
		.filter((c) => c.departement === code && c.type === 'commune-actuelle')
		.map((c) => c.code);
	return { kind, code, name: d.nom, communes };
}

function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[-'’\s]+/g, ' ')
		.trim();
}

export interface TerritoryMatch {
	kind: TerritoryKind;
	code: string;
	name: string;
	/** Département code, or the type of EPCI, to tell homonyms apart. */
	context: string;
}

/** Territories whose name starts with (or whose code equals) the query, best matches first. */
export function searchTerritories(query: string, limit = 10): TerritoryMatch[] {
	const q = fold(query);
	if (q.length < 2) return [];
	const t = load();
	const scored: { match: TerritoryMatch; score: number }[] = [];
	const consider = (match: TerritoryMatch, name: string, weight: number) => {
		const n = fold(name);
		if (match.code === query.trim()) scored.push({ match, score: 0 });
		else if (n === q) scored.push({ match, score: 1 + weight });
		else if (n.startsWith(q)) scored.push({ match, score: 2 + weight + n.length / 1000 });
		else if (q.length >= 3 && n.includes(q)) scored.push({ match, score: 4 + weight });
	};
	for (const d of t.departements) {
		consider({ kind: 'departement', code: d.code, name: d.nom, context: `département ${d.code}` }, d.nom, 0);
	}
	for (const e of t.epci) {
		consider({ kind: 'epci', code: e.code, name: e.nom, context: 'EPCI' }, e.nom, 0.3);
	}
	for (const c of t.communes) {
		if (c.type !== 'commune-actuelle') continue;
		const match: TerritoryMatch = {
			kind: 'commune',
			code: c.code,
			name: c.nom,
			context: `${c.departement} · ${c.codesPostaux?.[0] ?? ''}`
		};
		// Bigger communes first among homonyms and prefixes.
		consider(match, c.nom, 0.1 + 0.1 / Math.log10((c.population ?? 0) + 10));
	}
	return scored
		.sort((a, b) => a.score - b.score)
		.slice(0, limit)
		.map((s) => s.match);
}
