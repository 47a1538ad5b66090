import type { Database } from '$lib/server/db';
import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			db: Database;
			user: SessionUser | null;
			session: Session | null;
		}
		interface Error {
			message: string;
			errorId?: string;
		}
	}
}

export {};
