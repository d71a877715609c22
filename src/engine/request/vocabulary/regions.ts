import type { BodyRegion } from '../normalised-request.js';

/**
 * Body-region words: regular-expression sources (case-insensitive, whole words) and the region
 * they name. Longer matches win over shorter overlapping ones ("lumbar spine" over "spine").
 * `sided` = the region has a left and a right (limbs); a laterality word before it applies.
 */
export interface RegionEntry {
  pattern: string;
  region: BodyRegion;
  sided: boolean;
}

export const REGION_TERMS: readonly RegionEntry[] = [
  { pattern: 'cervical( spine)?|c-?spine|neck|cervicothoracic|upper back and neck|C[1-7](\\s*-\\s*C?[1-7])?', region: 'cervical', sided: false },
  { pattern: 'thoracic( spine)?|t-?spine|mid[- ]?back|upper back|thoracolumbar|dorsal spine|T(1[0-2]|[1-9])(\\s*-\\s*T?(1[0-2]|[1-9]))?', region: 'thoracic', sided: false },
  { pattern: 'lumbar( spine)?|lumbosacral( spine)?|l-?spine|low(er)? back|lumbar region|L[1-5](\\s*-\\s*(L?[1-5]|S1))?|L5-S1|lumbar/sacral', region: 'lumbar', sided: false },
  { pattern: 'sacroiliac( joints?)?|\\bSI joints?|sacrum|sacral|coccyx|tailbone', region: 'sacroiliac', sided: true },
  { pattern: 'spine|spinal|back', region: 'spine', sided: false },
  { pattern: 'shoulders?|rotator cuff|acromioclavicular|\\bAC joint|scapula', region: 'shoulder', sided: true },
  { pattern: 'upper arms?|humerus|biceps|triceps', region: 'upper_arm', sided: true },
  { pattern: 'elbows?|epicondyl\\w*|olecranon', region: 'elbow', sided: true },
  { pattern: 'forearms?', region: 'forearm', sided: true },
  { pattern: 'wrists?|wrist/hand|carpal tunnel|CTR', region: 'wrist', sided: true },
  { pattern: 'hands?|fingers?|thumbs?|digits?|hand/finger|palm', region: 'hand', sided: true },
  { pattern: 'upper extremit(y|ies)|upper limbs?|arms?|\\bUEs?\\b|\\b[RL]UE\\b|\\bBUE\\b', region: 'upper_extremity', sided: true },
  { pattern: 'hips?|groin', region: 'hip', sided: true },
  { pattern: 'pelvis|pelvic', region: 'pelvis', sided: false },
  { pattern: 'thighs?|femur|hamstrings?|quadriceps', region: 'thigh', sided: true },
  { pattern: 'knees?|patella\\w*|menisc\\w*', region: 'knee', sided: true },
  { pattern: 'lower legs?|calf|calves|shin|tibia|fibula|achilles', region: 'leg', sided: true },
  { pattern: 'ankles?', region: 'ankle', sided: true },
  { pattern: 'feet|foot|heels?|toes?|plantar', region: 'foot', sided: true },
  { pattern: 'lower extremit(y|ies)|lower limbs?|legs?|\\bLEs?\\b|\\b[RL]LE\\b|\\bBLE\\b', region: 'lower_extremity', sided: true },
  { pattern: 'head|brain|skull|cranial|face|facial', region: 'head', sided: false },
  { pattern: 'chest|ribs?|thorax|sternum', region: 'chest', sided: false },
  { pattern: 'abdomen|abdominal', region: 'abdomen', sided: false },
  { pattern: 'jaw|\\bTMJ\\b|temporomandibular', region: 'jaw', sided: true },
];

/** Laterality words; applied to the sided regions that follow in the same list. */
export const LATERALITY_TERMS: readonly { pattern: string; laterality: 'left' | 'right' | 'bilateral' }[] = [
  { pattern: 'bilateral(ly)?|both|bilat', laterality: 'bilateral' },
  { pattern: 'left|\\bLt\\b', laterality: 'left' },
  { pattern: 'right|\\bRt\\b', laterality: 'right' },
];
