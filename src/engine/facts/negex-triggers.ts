/**
 * NegEx trigger lists (Chapman et al., "A simple algorithm for identifying negated findings and
 * diseases in discharge summaries", J Biomed Inform 2001; and its later trigger sets), adapted to
 * workers' compensation progress notes and review summaries. Data only: each entry is a regex
 * source (case-insensitive, matched on whole words). `negation.ts` builds the scanner from them.
 */

/** Phrases that negate what follows them, within a window of words ("no", "denies", "without"). */
export const PRE_NEGATION: readonly string[] = [
  // "not yet" is a negation still in force ("has not yet returned to work"), whereas a bare "yet" ends
  // a scope (TERMINATION): listed before "has not" and "not" so that the trigger takes in the "yet".
  '(?:has|have|had|is|are|was|were) not (?:as )?yet',
  'not (?:as )?yet',
  'no documentation of',
  'no documented',
  'no evidence of',
  'no objective',
  'no significant',
  'no further',
  'no longer',
  'no reports? of',
  'no signs? of',
  'no history of',
  'no complaints? of',
  '(?:insufficient|inadequate|limited|minimal) (?:documentation|documented evidence|evidence) (?:of|regarding|to support)',
  'not documented',
  'not demonstrated',
  'negative for',
  'absence of',
  'free of',
  'lack of',
  'lacks',
  'lacking',
  'fail(?:ed|s)? to',
  'unable to (?:document|demonstrate|show)',
  'did not',
  'does not',
  'do not',
  'has not',
  'have not',
  'had not',
  'has never',
  'is not',
  'was not',
  'were not',
  'are not',
  'cannot',
  'could not',
  'without',
  'denie[sd]',
  'deny',
  'denying',
  'negative',
  'absent',
  'never',
  'none',
  'neither',
  'nor',
  'not',
  'no',
  'ruled out',
  'resolution of',
];

/**
 * Statements that the record lacks something ("made no mention of", "no documentation of"): they
 * reach further than a plain "no", over the words that describe what is missing ("made no mention of
 * the applicant's having issues with upper extremity paresthesias"), up to LONG_WINDOW words.
 */
export const PRE_NEGATION_LONG: readonly string[] = [
  '(?:made|makes|make) no mention of',
  'no mention of',
  'no mention (?:is|was|has been) made (?:of|regarding)',
  '(?:does|did|do) not mention',
  'without (?:any )?mention of',
  'no documentation of',
  'no evidence of',
  '(?:insufficient|inadequate) documentation of',
];
export const LONG_WINDOW = 12;

/**
 * Phrases that look like a trigger but negate nothing after them ("not only did she improve",
 * "no increase in pain"): a trigger inside one of these is ignored.
 */
export const PSEUDO_NEGATION: readonly string[] = [
  'not only',
  'not just',
  'not to mention',
  'not necessarily',
  'not certain (?:if|whether)',
  'no increase',
  'no (?:significant )?change',
  'no doubt',
  'no wonder',
  'not ruled out',
  'not been ruled out',
  'whether or not',
  'if not',
  'gram negative',
  'not cause',
  'not extend',
  // A nerve conduction response that is absent is an abnormal study, not a negated one: "absent median
  // sensory responses" is the axonal loss of severe carpal tunnel syndrome (ACOEM 2004 Ch. 11 p. 270, severity
  // by nerve conduction study), so "absent" there negates nothing that follows it.
  'absent (?:(?:right|left|bilateral) )?(?:(?:median|ulnar|radial|sural|peroneal|fibular|tibial|plantar) )?(?:(?:sensory|motor|mixed|nerve) )*(?:action )?(?:responses?|potentials?|amplitudes?|SNAPs?|CMAPs?)',
];

/**
 * Normal-finding words that, following a mention ("sensation is intact", "SLR was negative"),
 * state its absence. Preceded by a negation ("sensation is not intact") they state the opposite:
 * the abnormal finding is present.
 */
export const POST_NEGATION_NORMAL: readonly string[] = [
  'negative',
  'absent',
  'denied',
  'ruled out',
  'resolved',
  'unremarkable',
  'normal',
  'intact',
  'within normal limits',
  'symmetric(?:al)?',
];

/** "X was not present / not noted / not documented": the mention is stated absent. */
export const POST_NEGATION_NOT: readonly string[] = [
  'present',
  'noted',
  'documented',
  'reported',
  'seen',
  'appreciated',
  'elicited',
  'found',
  'demonstrated',
  'evident',
  'observed',
  'indicated',
  'provided',
  'identified',
  'established',
  'objectively documented',
  'quantified',
  'shown',
];

/**
 * Terms that end a trigger's scope: a new clause starts ("no increase in pain and she reported
 * improvement": the improvement is not negated). A bare "and" is not one ("denies numbness and
 * tingling" negates both); "and" followed by a new subject or verb is.
 */
export const TERMINATION: readonly string[] = [
  'but',
  'however',
  'although',
  'though',
  'except',
  'yet',
  'whereas',
  'while',
  'aside from',
  'apart from',
  'nevertheless',
  'still',
  'which',
  'who',
  'now',
  'currently',
  'secondary to',
  'because',
  'as (?:the|a) (?:cause|source|reason|etiology|origin) (?:of|for)',
  'and (?:she|he|they|the (?:patient|worker|injured worker|applicant|claimant)|it|there|reports?|reported|states?|stated|notes?|noted|has|had|is|was|now|currently|feels?|felt|describes?|described)',
  // "Radiographs were negative and the orthopedist documents a suspected fracture": a new subject
  // that reports starts a new clause, whoever it is.
  'and (?:the|his|her|their|a|an) (?:[a-z]+ ){0,2}(?:documents?|documented|notes?|noted|reports?|reported|states?|stated|describes?|described|shows?|showed|reveals?|revealed|finds|found|suspects?|suspected|recommends?|recommended)',
];
