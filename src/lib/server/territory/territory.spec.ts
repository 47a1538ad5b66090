import { describe, expect, it } from 'vitest';
import { communesByPostcode, searchTerritories, territory } from './index';

describe('territories', () => {
	it('finds Clermont-Ferrand first when searching its name', () => {
		const [first] = searchTerritories('Clermont-Ferrand');
		expect(first).toMatchObject({ kind: 'commune', code: '63113', name: 'Clermont-Ferrand' });
	});

	it('finds a département by its code', () => {
		expect(searchTerritories('63')[0]).toMatchObject({ kind: 'departement', name: 'Puy-de-Dôme' });
	});

	it('resolves an EPCI to its member communes', () => {
		const metropole = searchTerritories('Clermont Auvergne Métropole').find((t) => t.kind === 'epci');
		expect(metropole).toBeDefined();
		const resolved = territory('epci', metropole!.code)!;
		expect(resolved.communes).toContain('63113');
		expect(resolved.communes).toHaveLength(21);
	});

	it('includes city districts in Marseille', () => {
		expect(territory('commune', '13055')!.communes).toContain('13201');
	});

	it('lists the communes of a postcode', () => {
		expect(communesByPostcode('63000').map((c) => c.code)).toEqual(['63113']);
	});

	it('rejects a former commune as a party territory', () => {
		expect(territory('commune', '99999')).toBeUndefined();
	});
});
