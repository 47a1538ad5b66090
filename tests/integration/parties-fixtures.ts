/** Listings and people for the party tests, written with plain inserts. */
import { afterAll, beforeAll } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Database } from '../../src/lib/server/db';
import { listings } from '../../src/lib/server/db/schema';
import { createCoordinator } from '../../src/lib/server/users';
import { testDatabase, type TestDatabase } from '../helpers/db';

/** Where each sample listing stands, and which territories of the tests it belongs to. */
export const SAMPLE = [
	// In Clermont-Ferrand (63113), by INSEE code.
	{ id: 'clermont-1', nom: 'Médiathèque de Jaude', code_insee: '63113', code_postal: '63000' },
	{ id: 'clermont-2', nom: 'Espace numérique Croix-de-Neyrat', code_insee: '63113', code_postal: '63100' },
	// No INSEE code: placed by postcode, and 63000 is Clermont-Ferrand's alone.
	{ id: 'clermont-3', nom: 'Tiers-lieu sans code INSEE', code_insee: null, code_postal: '63000' },
	// Chamalières (63075), in the same EPCI; its INSEE code wins over a Clermont postcode.
	{ id: 'chamalieres-1', nom: 'Centre social Chamalières', code_insee: '63075', code_postal: '63400' },
	{ id: 'chamalieres-2', nom: 'Point numérique mal postcodé', code_insee: '63075', code_postal: '63000' },
	{ id: 'chamalieres-3', nom: 'Association sans code INSEE', code_insee: null, code_postal: '63400' },
	// Thiers (63430): Puy-de-Dôme, outside Clermont Auvergne Métropole.
	{ id: 'thiers-1', nom: 'France services Thiers', code_insee: '63430', code_postal: '63300' },
	// Montluçon (03185): another département.
	{ id: 'montlucon-1', nom: 'Fabrique numérique Montluçon', code_insee: '03185', code_postal: '03100' }
] as const;

export const CLERMONT = ['clermont-1', 'clermont-2', 'clermont-3'];
export const METROPOLE = [...CLERMONT, 'chamalieres-1', 'chamalieres-2', 'chamalieres-3'];
export const PUY_DE_DOME = [...METROPOLE, 'thiers-1'];

export async function insertSampleListings(db: Database) {
	return db
		.insert(listings)
		.values(
			SAMPLE.map((l, i) => ({
				...l,
				commune: l.id.split('-')[0],
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
