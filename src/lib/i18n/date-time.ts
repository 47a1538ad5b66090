/**
 * Dates and times as people in France read them. The zone is always explicit, so that the
 * server's rendering (often in UTC) and the browser's agree and a time reads as the French clock
 * showed it.
 */

const ZONE = 'Europe/Paris';

const formats = {
	/** « 4 décembre 2026 à 14:05 » */
	long: new Intl.DateTimeFormat('fr-FR', {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: ZONE
	}),
	/** « 04/12/2026 14:05 » */
	short: new Intl.DateTimeFormat('fr-FR', {
		dateStyle: 'short',
		timeStyle: 'short',
		timeZone: ZONE
	}),
	/** « 4 décembre 2026 » */
	date: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: ZONE }),
	/** « 14:05 » */
	time: new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: ZONE }),
	/** « 2026-12-04 » */
	iso: new Intl.DateTimeFormat('en-CA', {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		timeZone: ZONE
	})
};

/** French writes the first day of a month as an ordinal: « 1er mai ». */
const FIRST_DAY = /(^|\s)1 (?=\p{L})/u;

/** A moment (a `Date`, or its ISO text as it comes out of JSON) in Paris time. */
export function formatDate(moment: Date | string, style: keyof typeof formats = 'long'): string {
	const text = formats[style].format(typeof moment === 'string' ? new Date(moment) : moment);
	return text.replace(FIRST_DAY, '$11er ');
}

const calendar = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** A `YYYY-MM-DD` calendar date (`date_maj`), which has no time zone: « 4 décembre 2026 ». */
export function formatDay(isoDate: string): string {
	return calendar.format(new Date(`${isoDate}T00:00:00Z`)).replace(FIRST_DAY, '$11er ');
}

/** The French calendar date (YYYY-MM-DD) of a moment: `date_maj`, dated file names. */
export function parisToday(now = new Date()): string {
	return formats.iso.format(now);
}
