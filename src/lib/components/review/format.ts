/**
 * French dates for the review and history pages. The time zone is explicit so that the server's
 * rendering and the browser's agree, and so that a time reads as the French clock showed it.
 */
export const dateTime = new Intl.DateTimeFormat('fr-FR', {
	dateStyle: 'long',
	timeStyle: 'short',
	timeZone: 'Europe/Paris'
});

export const shortDateTime = new Intl.DateTimeFormat('fr-FR', {
	dateStyle: 'short',
	timeStyle: 'short',
	timeZone: 'Europe/Paris'
});

const calendar = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** A `YYYY-MM-DD` calendar date (`date_maj`), e.g. « 4 décembre 2026 ». */
export function day(isoDate: string): string {
	return calendar.format(new Date(`${isoDate}T00:00:00Z`));
}
