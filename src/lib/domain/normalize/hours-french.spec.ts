import { describe, expect, test } from 'vitest';
import { parseHours } from './hours';
import { suggestHoursFromFrench, suggestHoursFromWeek } from './hours-french';

const suggest = (text: string) => suggestHoursFromFrench(text)?.osm ?? null;

describe('suggestHoursFromFrench', () => {
	test.each([
		['9h-12h / 14h-17h', '09:00-12:00,14:00-17:00'],
		['du lundi au vendredi 9h-12h et 14h-17h', 'Mo-Fr 09:00-12:00,14:00-17:00'],
		['Lundi : 9h à 12h - 14h à 17h', 'Mo 09:00-12:00,14:00-17:00'],
		['Lundi au vendredi 9h-12h/14h-18h', 'Mo-Fr 09:00-12:00,14:00-18:00'],
		[
			'lundi au vendredi 9h-12h/14h-18h Samedi 9h-12h',
			'Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00'
		],
		['Lundi au vendredi 9h-21h; samedi 9h-18h', 'Mo-Fr 09:00-21:00; Sa 09:00-18:00'],
		['Lundi au Vendredi de 8h30 – 12h30 | 13h30 – 17h30', 'Mo-Fr 08:30-12:30,13:30-17:30'],
		[
			'mardi mercredi et vendredi : 14h-18h |samedi : 9h-13h',
			'Tu,We,Fr 14:00-18:00; Sa 09:00-13:00'
		],
		[
			'du Lundi au Jeudi 08:30 - 12:00 / 13:30 - 17:00 | Vendredi 08:30 - 12:00',
			'Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00'
		],
		['Lundi au vendredi 8h30-12H30/13h15-16h30', 'Mo-Fr 08:30-12:30,13:15-16:30'],
		['Lundi au vendredi : 9h-12h30.13h30-17h', 'Mo-Fr 09:00-12:30,13:30-17:00'],
		[
			'Lundi 15h-19h; mardi 10h-13h/14h-21h, mercredi au samedi 10h-13h/14h-19h',
			'Mo 15:00-19:00; Tu 10:00-13:00,14:00-21:00; We-Sa 10:00-13:00,14:00-19:00'
		],
		[
			'Mardi, jeudi, vendredi 13h30-17h30; mercredi 8h30 - 12h30;',
			'Tu,Th,Fr 13:30-17:30; We 08:30-12:30'
		],
		['8h30/12h30 - 13h30/17h', '08:30-12:30,13:30-17:00'],
		['09:00 - 12:00 / 13:30 - 17:00', '09:00-12:00,13:30-17:00'],
		['du lundi au samedi sauf le mercredi 9h-12h', 'Mo,Tu,Th-Sa 09:00-12:00'],
		['Lundi au vendredi 9h-12h; mardi 14h-17h', 'Mo,We-Fr 09:00-12:00; Tu 09:00-12:00,14:00-17:00'],
		['tous les jours de 10h à midi', 'Mo-Su 10:00-12:00']
	])('suggests an OSM value for « %s »', (text, osm) => {
		expect(suggest(text)).toBe(osm);
		const parsed = parseHours(osm);
		expect(parsed.valid && parsed.pretty).toBe(osm);
	});

	test.each([
		'Tous les jours sur rendez-vous',
		'Lundi au vendredi 12h-19h, matin sur rendez-vous',
		'2 vendredi par mois 9h-13h',
		'En fonction des événements couverts',
		'Lundi au vendredi 9h-12h/Bouche-du-Rhôneh-17h; soir et week-ends selon programmation',
		'Fermé',
		'9h-12h-14h',
		'Lundi 14h-9h'
	])('gives no suggestion for « %s », which it cannot read entirely', (text) => {
		expect(suggest(text)).toBeNull();
	});
});

describe('suggestHoursFromWeek', () => {
	test('reads one French cell a weekday, closed days included', () => {
		expect(
			suggestHoursFromWeek({
				lundi: 'Fermé',
				mardi: '9h à 12h - 14h à 17h',
				mercredi: '9h à 12h - 14h à 17h',
				jeudi: '14h-17h',
				vendredi: '09:00-12:00 et 14:00-17:00',
				samedi: ''
			})
		).toEqual({ osm: 'Tu,We,Fr 09:00-12:00,14:00-17:00; Th 14:00-17:00' });
	});

	test('gives no suggestion when a day says something else', () => {
		expect(suggestHoursFromWeek({ lundi: 'Itinérance', mardi: '9h-12h' })).toBeNull();
	});
});
