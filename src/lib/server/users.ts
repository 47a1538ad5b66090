/**
 * People: coordinators (username and password) and party guests (a display name only).
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { asc, eq, sql } from 'drizzle-orm';
import { hasDirectionControl } from '$lib/domain/standard/characters';
import * as password from './auth/password';
import type { SessionUser } from './auth/session';
import type { Database } from './db';
import { users } from './db/schema';

/** The database or an open transaction on it. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export const DISPLAY_NAME_MAX = 40;
const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
// Any constant works: it only has to be the same for every process sharing the database.
const SETUP_LOCK = 7_261_534;

export interface NewCoordinator {
	username: string;
	displayName: string;
	password: string;
}

export type CoordinatorField = keyof NewCoordinator;

/** A refused input, with the form field it concerns and a French message. */
export class UserInputError extends Error {
	constructor(
		readonly field: CoordinatorField,
		message: string
	) {
		super(message);
		this.name = 'UserInputError';
	}
}

const PUBLIC_COLUMNS = {
	id: users.id,
	username: users.username,
	displayName: users.displayName,
	role: users.role
};

export function newId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
}

export function normalizeUsername(raw: string): string {
	return raw.trim().toLowerCase();
}

/** Trims and collapses spaces; control characters are not names. */
export function normalizeDisplayName(raw: string): string {
	return raw.replace(/\s+/g, ' ').trim();
}

export function displayNameProblem(name: string): string | null {
	if (name.length === 0) return 'Indiquez un prénom ou un pseudo.';
	if ([...name].length > DISPLAY_NAME_MAX) {
		return `Le nom affiché doit faire au plus ${DISPLAY_NAME_MAX} caractères.`;
	}
	// Direction controls would let a name display as another one (see domain/standard/characters.ts).
	if (/\p{Cc}/u.test(name) || hasDirectionControl(name)) {
		return 'Le nom affiché contient un caractère invisible de contrôle ou de sens d’écriture : retirez-le.';
	}
	return null;
}

/** Normalized input, or throws UserInputError on the first field that does not pass. */
export function checkCoordinator(input: NewCoordinator): NewCoordinator {
	const username = normalizeUsername(input.username);
	if (!USERNAME_PATTERN.test(username)) {
		throw new UserInputError(
			'username',
			'L’identifiant doit faire 3 à 32 caractères : lettres sans accent, chiffres, ' +
				'point, tiret ou tiret bas.'
		);
	}
	const displayName = normalizeDisplayName(input.displayName);
	const nameProblem = displayNameProblem(displayName);
	if (nameProblem) throw new UserInputError('displayName', nameProblem);
	const passwordProblem = password.problem(input.password);
	if (passwordProblem) throw new UserInputError('password', passwordProblem);
	return { username, displayName, password: input.password };
}

export async function hasCoordinator(db: Executor): Promise<boolean> {
	const [row] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.role, 'coordinator'))
		.limit(1);
	return Boolean(row);
}

/** Creates a coordinator account; throws UserInputError when a field is refused or taken. */
export async function createCoordinator(db: Executor, input: NewCoordinator): Promise<SessionUser> {
	const checked = checkCoordinator(input);
	const passwordHash = await password.hash(checked.password);

	const taken = new UserInputError(
		'username',
		`L’identifiant « ${checked.username} » est déjà pris.`
	);
	const [existing] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.username, checked.username));
	if (existing) throw taken;

	try {
		const [user] = await db
			.insert(users)
			.values({
				id: newId(),
				username: checked.username,
				displayName: checked.displayName,
				passwordHash,
				role: 'coordinator'
			})
			.returning(PUBLIC_COLUMNS);
		return user;
	} catch (error) {
		// Taken between the check and the insert by a simultaneous request.
		if (isUniqueViolation(error)) throw taken;
		throw error;
	}
}

/** PostgreSQL's unique_violation, as thrown by either driver (Drizzle wraps it in `cause`). */
function isUniqueViolation(error: unknown): boolean {
	for (let e = error; e instanceof Error; e = e.cause) {
		if ((e as { code?: string }).code === '23505') return true;
	}
	return false;
}

/**
 * Creates the first coordinator, or returns null when one exists already. An advisory lock
 * makes two simultaneous first-run forms create one account, not two.
 */
export async function createFirstCoordinator(
	db: Database,
	input: NewCoordinator
): Promise<SessionUser | null> {
	checkCoordinator(input);
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
		if (await hasCoordinator(tx)) return null;
		return createCoordinator(tx, input);
	});
}

export async function createGuest(db: Executor, displayName: string): Promise<SessionUser> {
	const name = normalizeDisplayName(displayName);
	const problem = displayNameProblem(name);
	if (problem) throw new UserInputError('displayName', problem);

	const [user] = await db
		.insert(users)
		.values({ id: newId(), displayName: name, role: 'guest' })
		.returning(PUBLIC_COLUMNS);
	return user;
}

/** The coordinator with these credentials, or null; as slow for unknown usernames as for known. */
export async function authenticate(
	db: Database,
	username: string,
	plainPassword: string
): Promise<SessionUser | null> {
	const [row] = await db
		.select({ ...PUBLIC_COLUMNS, passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.username, normalizeUsername(username)));
	if (!row?.passwordHash || row.role !== 'coordinator') {
		return password.verifyDecoy(plainPassword).then(() => null);
	}
	if (!(await password.verify(row.passwordHash, plainPassword))) return null;

	const { passwordHash: _, ...user } = row;
	return user;
}

export async function coordinators(db: Database): Promise<SessionUser[]> {
	return db
		.select(PUBLIC_COLUMNS)
		.from(users)
		.where(eq(users.role, 'coordinator'))
		.orderBy(asc(users.displayName));
}
