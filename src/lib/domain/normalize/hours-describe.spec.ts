import { describe, expect, test } from 'vitest';
import { describeHours } from './hours-describe';

describe('describeHours', () => {
	test.each([
		[
			'Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00',
			'Du lundi au vendredi : de 9 h à 12 h et de 14 h à 18 h 30. Samedi : de 8 h 30 à 12 h. Fermé le dimanche.'
		],
		[
			'Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00',
			'Du mardi au vendredi : de 9 h à 12 h et de 14 h à 17 h. Samedi : de 9 h à 12 h. Fermé le lundi et le dimanche.'
		],
		[
			'Mo-Fr 08:30-12:00,13:30-17:00; Th off',
			'Du lundi au mercredi et vendredi : de 8 h 30 à 12 h et de 13 h 30 à 17 h. Fermé le jeudi, le samedi et le dimanche.'
		],
		[
			'Mo,We 13:00-17:00; Tu 09:00-12:00,13:30-16:30',
			'Lundi et mercredi : de 13 h à 17 h. Mardi : de 9 h à 12 h et de 13 h 30 à 16 h 30. Fermé le jeudi, le vendredi, le samedi et le dimanche.'
		],
		[
			'Mo-Fr 09:00-12:00; PH off',
			'Du lundi au vendredi : de 9 h à 12 h. Fermé le samedi et le dimanche. Fermé les jours fériés.'
		],
		[
			'Sa 10:00-12:00 "sur rendez-vous"',
			'Samedi : de 10 h à 12 h (sur rendez-vous). Fermé le lundi, le mardi, le mercredi, le jeudi, le vendredi et le dimanche.'
		],
		['24/7', 'Ouvert 24 h/24, 7 jours sur 7.'],
		['Mo-Su 18:00-24:00', 'Du lundi au dimanche : de 18 h à minuit.']
	])('describes « %s » in plain French', (osm, text) => {
		expect(describeHours(osm)).toBe(text);
	});

	test('says plainly when hours change from week to week', () => {
		expect(describeHours('week 1-53/2 Mo 09:00-12:00')).toBe(
			"Horaires qui changent selon les semaines ou les périodes de l'année (week 01-53/2 Mo 09:00-12:00)."
		);
	});

	test('returns the raw text of a value it cannot read', () => {
		expect(describeHours('Mo 08:45-12:00-13:45')).toBe(
			'Horaires illisibles : Mo 08:45-12:00-13:45'
		);
	});
});
