/**
 * Short French names for the codes of import findings (`FieldIssue.code`), for the report's
 * « Type » column. The code itself stays beside the name, for support and for the CSV report.
 * Every code the normalisers, the validator and the importer emit has a name here: the test
 * beside this file reads the real files through `readRecord` and fails on a code left out.
 */
export const FINDING_LABELS: Record<string, string> = {
	// Any field
	obligatoire: 'Champ obligatoire manquant',
	type: 'Type de valeur inattendu',
	champ_inconnu: 'Champ hors du standard',
	texte_nettoye: 'Espaces ou entités HTML retirés',
	caractere_retire: 'Caractère invisible retiré',
	caractere_invalide: 'Caractère invisible refusé',
	valeur_non_conservee: 'Valeur trop longue non conservée',
	espaces: 'Espaces en trop',
	format: 'Format non conforme',
	trop_long: 'Texte trop long',
	trop_de_valeurs: 'Trop de valeurs',
	valeur_vide: 'Valeur vide dans une liste',
	separateur: 'Séparateur « | » dans une valeur',
	doublon: 'Valeur répétée',
	caracteres_refuses: 'Caractères refusés par la plateforme nationale',
	resume_deplace: 'Présentation courte déplacée',
	cle_ban: 'Clé BAN non reprise',
	personal_data: 'Donnée personnelle possible',

	// Commune and codes
	commune_orthographe: 'Commune réécrite comme au code officiel',
	commune_corrigee: 'Commune corrigée d’après le code postal',
	commune_deduite: 'Commune déduite du code INSEE',
	commune_incoherente: 'Commune incohérente avec les codes',
	code_postal_invalide: 'Code postal illisible',
	code_postal_format: 'Code postal réécrit',
	code_postal_deduit: 'Code postal déduit du code INSEE',
	code_postal_incoherent: 'Code postal d’une autre commune',
	code_postal_inconnu: 'Code postal inconnu',
	code_postal_chiffre: 'Chiffre manquant du code postal retrouvé',
	code_postal_ambigu: 'Code postal incomplet, plusieurs lectures',
	code_insee_invalide: 'Code INSEE illisible',
	code_insee_format: 'Code INSEE réécrit',
	code_insee_inconnu: 'Code INSEE inconnu',
	code_insee_ancienne_commune: 'Code INSEE d’une ancienne commune',
	code_insee_deduit: 'Code INSEE déduit',

	// SIRET or RNA
	pivot_tableur: 'SIRET abîmé par un tableur',
	pivot_fictif: 'Identifiant de remplissage retiré',
	pivot_invalide: 'Ni SIRET ni RNA',
	pivot_format: 'SIRET ou RNA réécrit',
	pivot_manquant: 'SIRET ou RNA manquant',
	pivot_inconnu: 'Identifiant non reconnu',
	siret_cle: 'Clé du SIRET fausse',
	siren: 'SIREN au lieu du SIRET',

	// Position
	coordonnees_invalides: 'Coordonnées illisibles',
	coordonnees_incompletes: 'Latitude ou longitude manquante',
	coordonnees_nulles: 'Coordonnées nulles retirées',
	coordonnees_hors_limites: 'Coordonnées hors limites',
	coordonnees_format: 'Coordonnées réécrites',
	coordonnees_inversees: 'Latitude et longitude inversées',
	coordonnees_incoherentes: 'Position hors du territoire de l’adresse',
	coordonnees_hors_france: 'Position hors de France',
	hors_limites: 'Nombre hors limites',
	loin_de_la_commune: 'Position loin de la commune',

	// Telephone
	telephone_invalide: 'Téléphone illisible',
	telephone_texte: 'Texte retiré autour du numéro',
	telephone_format: 'Numéro mis au format international',
	telephone_plusieurs: 'Plusieurs numéros',
	telephone_etranger: 'Indicatif étranger',
	telephone_factice: 'Numéro factice',
	telephone_numero_court: 'Numéro court',
	telephone_longueur: 'Numéro de mauvaise longueur',

	// E-mail and web addresses
	courriel_format: 'Courriel réécrit',
	courriel_invalide: 'Courriel invalide',
	url_format: 'Adresse web réécrite',
	url_invalide: 'Adresse web invalide',
	url_plusieurs: 'Plusieurs adresses web',
	acceslibre: 'Lien hors d’acceslibre',

	// Opening hours
	horaires_format: 'Horaires réécrits',
	horaires_invalides: 'Horaires illisibles',
	horaires_ecriture: 'Horaires à écrire autrement',
	horaires_remplacement: 'Règle d’horaires qui en remplace d’autres',

	// Date of update
	date_inconnue: 'Date de mise à jour inconnue',
	date_invalide: 'Date invalide',
	date_format: 'Date réécrite',
	date_future: 'Date dans le futur',

	// Lists of values
	enum_format: 'Valeurs réécrites',
	enum_colonne: 'Repris d’une autre colonne',
	enum_inconnue: 'Valeur hors de la liste',
	enum_sans_equivalent: 'Sans équivalent en version 1',
	publics_tout_public: 'Tout public : publics non repris',
	typologie_inconnue: 'Typologie inconnue',
	services_vide: 'Aucun service indiqué',
	acces_contradictoire: 'Modalité d’accès contradictoire',

	// Rows of the file
	id_en_double: 'Identifiant en double',
	fiche_en_double: 'Fiche déjà visée par une autre ligne'
};

/** The French name of a finding's code; the code itself when it has none. */
export function findingLabel(code: string): string {
	return FINDING_LABELS[code] ?? code;
}
