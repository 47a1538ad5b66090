/**
 * Suggests an OSM `opening_hours` value for opening hours written in French, as sources do:
 * "Lundi au vendredi 9h-12h/14h-18h", "du lundi au jeudi 8h30 - 12h, vendredi 8h30-12h",
 * "Lundi : 9h à 12h - 14h à 17h", "9h-12h / 14h-17h". The result is a proposal for a person to
 * confirm, never applied by the code.
 *
 * Only text understood entirely gets a suggestion: any other word ("matin", "sur rendez-vous",
 * "un mercredi sur deux") gives null. Times are paired in order, so both "9h-12h / 14h-17h"
 * and "8h30/12h30 - 13h30/17h" read as two ranges. A day named twice gets both ranges (French
 * "et" adds); the output spells out each day's full hours, so no OSM rule overrides another.
 */

export const WEEKDAYS = [
	'lundi',
	'mardi',
	'mercredi',
	'jeudi',
	'vendredi',
	'samedi',
	'dimanche'
] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];

const DAY_WORDS = new Map<string, number>();
WEEKDAYS.forEach((day, i) => {
	for (const word of [day, `${day}s`, day.slice(0, 3)]) DAY_WORDS.set(word, i);
});
const RANGE_WORDS = new Set(['au', 'a', 'jusqu', 'jusquau']);
const CLOSED_WORDS = new Set(['ferme', 'fermee', 'fermeture']);
const FILLER_WORDS = new Set([
	...['de', 'du', 'le', 'les', 'l', 'des', 'la', 'et', 'h', 'en', 'continu'],
	...['ouvert', 'ouverte', 'ouverture', 'horaire', 'horaires', 'heures']
]);

/** Times (9h, 9h30, 9 h 30, 09:00, 9.30, bare 9), words, rule boundaries, dashes, the rest. */
const TOKEN =
	/\s+|(\d{1,2})\s*(?:h|:|\.)\s*(\d{2})(?!\d)|(\d{1,2})\s*h(?:eures?)?(?![a-z])|(\d{1,2})(?!\d)|([a-z]+)|([;\n])|(-)|(.)/y;

type Token =
	| { kind: 'time'; minutes: number }
	| { kind: 'days'; days: number[] }
	| { kind: 'range' | 'closed' | 'except' | 'boundary' };

/** Lower case, no accents, apostrophes as spaces, every dash a hyphen. */
function prepare(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[–—‑]/g, '-')
		.replace(/['’]/g, ' ');
}

function tokenize(text: string): Token[] | null {
	const tokens: Token[] = [];
	let previous = '';
	TOKEN.lastIndex = 0;
	for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
		const [, hour, minutes, hourOnly, bare, word, boundary, dash] = match;
		const time = hour ?? hourOnly ?? bare;
		if (time !== undefined) {
			const value = Number(time) * 60 + Number(minutes ?? 0);
			if (Number(time) > 24 || Number(minutes ?? 0) > 59 || value > 1440) return null;
			tokens.push({ kind: 'time', minutes: value });
		} else if (word !== undefined) {
			const token = wordToken(word, previous);
			if (token === null) return null;
			if (token !== undefined) tokens.push(token);
			previous = word;
		} else if (boundary !== undefined) {
			tokens.push({ kind: 'boundary' });
		} else if (dash !== undefined) {
			tokens.push({ kind: 'range' });
		}
		if (TOKEN.lastIndex >= text.length) break;
	}
	return tokens;
}

/** A token, undefined for a word that says nothing, null for a word we do not understand. */
function wordToken(word: string, previous: string): Token | undefined | null {
	const day = DAY_WORDS.get(word);
	if (day !== undefined) return { kind: 'days', days: [day] };
	if (word === 'tous') return undefined;
	if (word === 'jours' && previous === 'les') return { kind: 'days', days: ALL_DAYS };
	if (word === 'semaine' && previous === 'en') return { kind: 'days', days: [0, 1, 2, 3, 4] };
	if (word === 'weekend' || (word === 'end' && previous === 'week'))
		return { kind: 'days', days: [5, 6] };
	if (word === 'week') return undefined;
	if (word === 'midi') return { kind: 'time', minutes: 12 * 60 };
	if (word === 'minuit') return { kind: 'time', minutes: 24 * 60 };
	if (RANGE_WORDS.has(word)) return { kind: 'range' };
	if (CLOSED_WORDS.has(word)) return { kind: 'closed' };
	if (word === 'sauf') return { kind: 'except' };
	return FILLER_WORDS.has(word) ? undefined : null;
}

export function suggestHoursFromFrench(text: string): { osm: string } | null {
	const tokens = tokenize(prepare(text));
	if (!tokens) return null;
	const week = new Week();
	for (const token of tokens) if (!week.read(token)) return null;
	return week.end() ? week.osm() : null;
}

/** Hours given per weekday (sources with one column a day): "Fermé", "9h à 12h - 14h à 17h". */
export function suggestHoursFromWeek(
	days: Partial<Record<Weekday, string>>
): { osm: string } | null {
	const text = WEEKDAYS.filter((day) => days[day]?.trim())
		.map((day) => `${day} ${days[day]}`)
		.join(' ; ');
	return text ? suggestHoursFromFrench(text) : null;
}

/** Reads tokens group by group ("days then times", or "times then days") into a week. */
class Week {
	private hours: [number, number][][] = ALL_DAYS.map(() => []);
	private everyDay: [number, number][] | null = null;
	private anyDay = false;
	private previousDays: Set<number> | null = null;
	private days = new Set<number>();
	private times: number[] = [];
	private timesFirst = false;
	private closed = false;
	private excluding = false;
	private rangeFrom: number | null = null;
	private lastDay: number | null = null;

	read(token: Token): boolean {
		if (token.kind === 'days') return this.readDays(token.days);
		if (token.kind === 'range') {
			this.rangeFrom = this.times.length === 0 ? this.lastDay : null;
			return true;
		}
		this.rangeFrom = null;
		this.lastDay = null;
		if (token.kind === 'time') {
			const complete = this.days.size > 0 && (this.timesFirst || this.closed);
			if (complete && !this.flush()) return false;
			this.times.push(token.minutes);
			return true;
		}
		if (token.kind === 'closed') {
			this.closed = true;
			return this.days.size > 0 ? this.flush() : true;
		}
		if (token.kind === 'except') {
			this.excluding = true;
			return true;
		}
		return this.flush();
	}

	end(): boolean {
		return this.flush() && (this.anyDay || this.everyDay !== null);
	}

	osm(): { osm: string } {
		if (this.everyDay) return { osm: ranges(this.everyDay) };
		const groups = new Map<string, number[]>();
		this.hours.forEach((list, day) => {
			if (list.length === 0) return;
			const key = ranges(merge(list));
			groups.set(key, [...(groups.get(key) ?? []), day]);
		});
		return { osm: [...groups].map(([times, days]) => `${dayList(days)} ${times}`).join('; ') };
	}

	private readDays(days: number[]): boolean {
		if (this.times.length > 0 && this.days.size > 0 && !this.timesFirst && !this.flush())
			return false;
		if (this.times.length > 0 && this.days.size === 0) this.timesFirst = true;
		const from = this.rangeFrom;
		const span = from === null ? days : [...circular(from, days[0]), ...days.slice(1)];
		for (const day of span) {
			if (this.excluding) this.days.delete(day);
			else this.days.add(day);
		}
		this.lastDay = days[days.length - 1];
		this.rangeFrom = null;
		return true;
	}

	private flush(): boolean {
		// "Lundi au vendredi 8h30-12h30 ; 13h30-17h30": times alone continue the previous days.
		if (this.days.size === 0 && this.times.length > 0 && this.previousDays)
			this.days = this.previousDays;
		const pairs = pair(this.times);
		if (pairs === null) return false;
		if (this.days.size === 0) {
			if (pairs.length > 0 && (this.everyDay || this.anyDay)) return false;
			if (pairs.length > 0) this.everyDay = pairs;
		} else if (this.closed) {
			for (const day of this.days) this.hours[day] = [];
		} else if (pairs.length === 0) {
			return false;
		} else {
			for (const day of this.days) this.hours[day].push(...pairs);
			this.anyDay = true;
		}
		if (this.days.size > 0) this.previousDays = this.days;
		this.days = new Set();
		this.times = [];
		this.timesFirst = this.closed = this.excluding = false;
		return true;
	}
}

/** Consecutive times as ranges: [540, 720, 840, 1020] → 9:00-12:00 and 14:00-17:00. */
function pair(times: number[]): [number, number][] | null {
	if (times.length % 2 === 1) return null;
	const pairs: [number, number][] = [];
	for (let i = 0; i < times.length; i += 2) {
		if (times[i] >= times[i + 1]) return null;
		pairs.push([times[i], times[i + 1]]);
	}
	return pairs;
}

function merge(list: [number, number][]): [number, number][] {
	const sorted = [...list].sort((a, b) => a[0] - b[0]);
	const merged: [number, number][] = [];
	for (const [start, end] of sorted) {
		const last = merged[merged.length - 1];
		if (last && start <= last[1]) last[1] = Math.max(last[1], end);
		else merged.push([start, end]);
	}
	return merged;
}

function circular(from: number, to: number): number[] {
	const days: number[] = [];
	for (let day = from; ; day = (day + 1) % 7) {
		days.push(day);
		if (day === to) return days;
	}
}

const clock = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function ranges(list: [number, number][]): string {
	return list.map(([start, end]) => `${clock(start)}-${clock(end)}`).join(',');
}

/** Mo-Fr for three consecutive days or more, Mo,We otherwise. */
function dayList(days: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < days.length; ) {
		let j = i;
		while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
		if (j - i >= 2) parts.push(`${OSM_DAYS[days[i]]}-${OSM_DAYS[days[j]]}`);
		else for (let k = i; k <= j; k++) parts.push(OSM_DAYS[days[k]]);
		i = j + 1;
	}
	return parts.join(',');
}
