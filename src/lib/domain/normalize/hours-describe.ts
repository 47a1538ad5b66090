/**
 * A plain French description of an OSM `opening_hours` value, for people who do not read OSM
 * syntax: "Du lundi au vendredi : de 9 h à 12 h et de 14 h à 18 h 30. Fermé le samedi et le
 * dimanche." It is computed from the library's own evaluation of a reference week, so rules
 * that override earlier ones ("Mo-Fr 09:00-17:00; We off") are described as they apply.
 */
import type OpeningHours from 'opening_hours';
import { parseHours } from './hours';
import { WEEKDAYS } from './hours-french';

/**
 * Weeks without French public holidays, odd and even, in different seasons: Monday 3 June,
 * 5 February and 18 November 2024. The first one is described; the others tell whether the
 * hours change from week to week (`isWeekStable()` is false for any value with `PH`).
 */
const REFERENCE = [2024, 5, 3] as const;
const OTHER_WEEKS = [
	[2024, 1, 5],
	[2024, 10, 18]
] as const;
/** 1 May 2024, a Wednesday and a public holiday, to describe `PH` rules. */
const HOLIDAY = [2024, 4, 1] as const;
const WEDNESDAY = 2;
const DAY = 24 * 60;

type Range = { start: number; end: number; comment?: string; unknown: boolean };

export function describeHours(osm: string): string {
	const parsed = parseHours(osm.trim());
	if (!parsed.valid) return `Horaires illisibles : ${osm}`;
	const hours = parsed.value;
	const week = weekRanges(hours, REFERENCE);
	const stable = OTHER_WEEKS.every(
		(other) => weekRanges(hours, other).map(signature).join('|') === week.map(signature).join('|')
	);
	if (!stable) {
		return `Horaires qui changent selon les semaines ou les périodes de l'année (${parsed.pretty}).`;
	}

	if (
		week.every((ranges) => ranges.length === 1 && ranges[0].start === 0 && ranges[0].end === DAY)
	) {
		return 'Ouvert 24 h/24, 7 jours sur 7.';
	}

	const sentences: string[] = [];
	const groups = new Map<string, number[]>();
	week.forEach((ranges, day) => {
		if (ranges.length > 0)
			groups.set(signature(ranges), [...(groups.get(signature(ranges)) ?? []), day]);
	});
	for (const days of groups.values()) {
		sentences.push(`${capitalise(dayPhrase(days))} : ${rangesPhrase(week[days[0]])}`);
	}
	const closed = week.flatMap((ranges, day) => (ranges.length === 0 ? [day] : []));
	if (closed.length === 7) sentences.push('Fermé');
	else if (closed.length > 0)
		sentences.push(
			`Fermé ${closed
				.map((d) => `le ${WEEKDAYS[d]}`)
				.join(', ')
				.replace(/, ([^,]*)$/, ' et $1')}`
		);

	if (/\bPH\b/.test(parsed.pretty)) {
		const holiday = dayRanges(hours, HOLIDAY[2], HOLIDAY);
		if (holiday.length === 0) sentences.push('Fermé les jours fériés');
		else if (signature(holiday) !== signature(week[WEDNESDAY])) {
			sentences.push(`Jours fériés : ${rangesPhrase(holiday)}`);
		}
	}
	return `${sentences.join('. ')}.`;
}

function weekRanges(hours: OpeningHours, monday: readonly [number, number, number]): Range[][] {
	return WEEKDAYS.map((_, i) => dayRanges(hours, monday[2] + i, monday));
}

/** The open ranges of one day, in minutes from midnight, clipped to that day. */
function dayRanges(
	hours: OpeningHours,
	date: number,
	[year, month]: readonly [number, number, number]
): Range[] {
	const from = new Date(year, month, date);
	const to = new Date(year, month, date + 1);
	return hours.getOpenIntervals(from, to).map(([start, end, unknown, comment]) => ({
		start: Math.round((start.getTime() - from.getTime()) / 60000),
		end: Math.round((end.getTime() - from.getTime()) / 60000),
		unknown,
		comment
	}));
}

function signature(ranges: Range[]): string {
	return ranges.map((r) => `${r.start}-${r.end}-${r.unknown}-${r.comment ?? ''}`).join(',');
}

/** "du lundi au vendredi", "lundi et mercredi", "du lundi au mercredi et vendredi". */
function dayPhrase(days: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < days.length; ) {
		let j = i;
		while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
		if (j - i >= 2) parts.push(`du ${WEEKDAYS[days[i]]} au ${WEEKDAYS[days[j]]}`);
		else for (let k = i; k <= j; k++) parts.push(WEEKDAYS[days[k]]);
		i = j + 1;
	}
	return parts.join(', ').replace(/, ([^,]*)$/, ' et $1');
}

function rangesPhrase(ranges: Range[]): string {
	if (ranges.length === 1 && ranges[0].start === 0 && ranges[0].end === DAY) return '24 h/24';
	return ranges
		.map((r) => {
			// A range with a comment is "unknown" to the library: the comment says what to expect.
			const note = r.comment ?? (r.unknown ? 'à confirmer' : '');
			return `de ${time(r.start)} à ${time(r.end)}${note ? ` (${note})` : ''}`;
		})
		.join(' et ');
}

function time(minutes: number): string {
	if (minutes === 0 || minutes === DAY) return 'minuit';
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
