/** Marker colours per listing status, matching the badges' meaning (app.css). */
export const STATUS_COLORS: Record<string, string> = {
	todo: '#6b7280',
	in_progress: '#d97706',
	proposed: '#2563eb',
	reviewed: '#15803d'
};
