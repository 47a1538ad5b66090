/** Listings and people for the party tests, written with plain inserts. */
import { afterAll, beforeAll } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Database } from '../../src/lib/server/db';
import { listings } from '../../src/lib/server/db/schema';
import { createCoordinator } from '../../src/lib/server/users';
import { testDatabase, type TestDatabase } from '../helpers/db';

/** Sample listings: id, name, INSEE code, postcode; and the territories each belongs to. */
export const SAMPLE: [string, string, string | null, string][] = [
	// In Clermont-Ferrand (63113), by INSEE code.
	['clermont-1', 'Médiathèque de Jaude', '63113', '63000'],
	['clermont-2', 'Espace numérique Croix-de-Neyrat', '63113', '63100'],
	// No INSEE code: placed by postcode, and 63000 is Clermont-Ferrand's alone.
	['clermont-3', 'Tiers-lieu sans code INSEE', null, '63000'],
	// Chamalières (63075), in the same EPCI; its INSEE code wins over a Clermont postcode.
	['chamalieres-1', 'Centre social Chamalières', '63075', '63400'],
	['chamalieres-2', 'Point numérique mal postcodé', '63075', '63000'],
	['chamalieres-3', 'Association sans code INSEE', null, '63400'],
	// Thiers (63430): Puy-de-Dôme, outside Clermont Auvergne Métropole.
	['thiers-1', 'France services Thiers', '63430', '63300'],
	// Montluçon (03185): another département.
	['montlucon-1', 'Fabrique numérique Montluçon', '03185', '03100']
];

export const CLERMONT = ['clermont-1', 'clermont-2', 'clermont-3'];
export const METROPOLE = [...CLERMONT, 'chamalieres-1', 'chamalieres-2', 'chamalieres-3'];
export const PUY_DE_DOME = [...METROPOLE, 'thiers-1'];

export async function insertSampleListings(db: Database) {
	return db
		.insert(listings)
		.values(
			SAMPLE.map(([id, nom, code_insee, code_postal], i) => ({
				id,
				nom,
				code_insee,
				code_postal,
				commune: id.split('-')[0],
				adresse: `${i + 1} rue de l’Exemple`,
				latitude: 45.77 + i / 100,
				longitude: 3.08,
				date_maj: '2025-01-15'
			}))
		)
		.returning({ uid: listings.uid, id: listings.id });
}

let counter = 0;

export function coordinator(db: Database, name = 'Camille') {
	counter++;
	return createCoordinator(db, {
		username: `coord${counter}`,
		displayName: name,
		password: 'un mot de passe solide'
	});
}

/** A fresh database per test file, with the sample listings and a coordinator to create parties. */
export function sampleDatabase() {
	const context = {} as { handle: TestDatabase; db: Database; creator: SessionUser };
	beforeAll(async () => {
		context.handle = await testDatabase();
		context.db = context.handle.db;
		await insertSampleListings(context.db);
		context.creator = await coordinator(context.db);
	});
	afterAll(() => context.handle?.dispose());
	return context;
}
