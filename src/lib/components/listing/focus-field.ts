/**
 * Puts the focus on a field of the open listing: its input, or the first box of a group.
 * Returns false when the field is not on the page.
 */
export function focusField(field: string): boolean {
	const target = document.getElementById(`champ-${field}`);
	if (!target) return false;
	const input = target.matches('input, textarea') ? target : target.querySelector('input');
	target.scrollIntoView({ block: 'center' });
	(input ?? target).focus();
	return true;
}
