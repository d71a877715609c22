import type { ImagingModality, TreatmentCategory } from '../normalised-request.js';

/**
 * Treatment words: regular-expression sources (case-insensitive, matched at word boundaries)
 * with the category they name. Data only; compiled once in `../term-matcher.ts`.
 *
 * When several terms match a request, the highest `priority` wins, then the earliest in the text.
 * Priorities: 100 specific phrases that override their parts ("functional capacity evaluation",
 * "surgical consultation"); 90 procedures and injections; 85 chiropractic (a chiropractor's visit,
 * evaluation or physiotherapy is chiropractic care); 80 therapies, tests and devices;
 * 75 medications (see the drug table); 60 visits and consultations; 40 weak words.
 */
export interface TermEntry {
  pattern: string;
  category: TreatmentCategory;
  subcategory?: string;
  priority: number;
  /** For imaging terms: the modality. */
  modality?: ImagingModality;
}

export const DRUG_PRIORITY = 75;

export const TREATMENT_TERMS: readonly TermEntry[] = [
  // specific phrases (100)
  { pattern: 'functional capacity (evaluation|exam(ination)?|assessment|testing)|\\bFCE', category: 'functional_capacity_evaluation', priority: 100 },
  { pattern: '(spine|spinal|orthop(a)?edic|neuro|hand|shoulder|knee|foot and ankle)?\\s*surg(ery|ical|eon)\\s+(evaluation|consult(ation)?|referral|opinion|re-?evaluation)|(consult(ation)?|referral|evaluation|second opinion|opinion)s? (with|to|by|from) (an? |the )?([\\w-]+ ){0,2}surgeon', category: 'consultation', subcategory: 'surgical', priority: 100 },
  { pattern: 'psych(ological|iatric|ology)?\\s+(evaluation|testing|consult(ation)?|treatment|therapy|sessions?|visits?|assessment|referral|follow[- ]?up|care)( and (treatment|management|testing))?|psychotherapy|cognitive behavio(u)?ral( therapy)?|\\bCBT\\b|biofeedback|psychologist|psychiatrist|mental health', category: 'psychological', priority: 100 },
  { pattern: 'functional restoration|\\bFRP\\b|chronic pain (management )?program(me)?|multidisciplinary pain program|interdisciplinary pain|work hardening|work conditioning|\\bHELP program', category: 'functional_restoration', priority: 100 },
  { pattern: 'urine (drug )?(test(ing)?|screen(ing)?|toxicology)|urine tox\\w*|drug (screen(ing)?|test(ing)?)|\\bUDS\\b|\\bUDT\\b|toxicology (screen|test)', category: 'urine_drug_test', priority: 100 },
  { pattern: 'platelet[- ]rich plasma|\\bPRP\\b', category: 'prp_injection', priority: 100 },
  { pattern: 'post[- ]?op(erative)?\\s+(physical|occupational|hand)?\\s*therap(y|ies)|post[- ]?surgical (physical |occupational )?therapy|post[- ]?op(erative)? (PT|OT|rehab\\w*)', category: 'postsurgical_therapy', priority: 100 },
  { pattern: 'inpatient rehab\\w*|acute rehab\\w*|skilled nursing( facility)?|\\bSNF\\b', category: 'inpatient_rehabilitation', priority: 100 },
  { pattern: '(inpatient |outpatient )?detox\\w*( program)?|opioid (taper|weaning) program|medically supervised (taper|withdrawal)', category: 'inpatient_rehabilitation', subcategory: 'detoxification', priority: 100 },
  { pattern: '(ultrasound|fluoroscop\\w*|CT|x-?ray)[- ]guid(ed|ance)|under (ultrasound|fluoroscop\\w*|CT)( guidance)?', category: 'joint_injection', priority: 41 },
  { pattern: 'weight (loss|reduction|management) program\\w*|weight watchers|nutritionist', category: 'weight_loss_program', priority: 100 },
  { pattern: '(thermal|thermo\\w*|heat(ing)?) (therapy )?(unit|system|machine)', category: 'dme', subcategory: 'heat_therapy', priority: 95 },
  { pattern: 'cold compression|cryotherapy|cold therapy|game ready|vasopneumatic|polar care|ice (machine|unit)|hot/cold (therapy|unit)|cold unit|thermo\\w* cold', category: 'dme', subcategory: 'cold_therapy', priority: 95 },
  // procedures and injections (90)
  { pattern: 'epidural( steroid)?( injections?)?|\\bESI\\b|\\bTFESI\\b|transforaminal(?!\\s+(?:lumbar\\s+)?interbody)|interlaminar|caudal (steroid )?injection|selective nerve root block|\\bSNRB\\b', category: 'epidural_injection', priority: 90 },
  { pattern: 'radio[- ]?frequency( ablation| neurotomy| rhizotomy| denervation)?|\\bRFA\\b|rhizotomy|neurotomy', category: 'rfa', priority: 92 },
  { pattern: 'facet (joint )?(injections?|blocks?)|facet joint|intra-?articular facet|medial branch( nerve)? blocks?|\\bMBB\\b', category: 'facet_injection', priority: 90 },
  { pattern: 'trigger point( injections?)?|\\bTPI\\b', category: 'trigger_point_injection', priority: 90 },
  { pattern: '(sacroiliac|\\bSI) joint (injection|block)|(intra[- ]?articular|cortisone|corticosteroid|steroid|joint) injections?|(knee|shoulder|hip|elbow|wrist|ankle|subacromial|bursa|carpal tunnel) injection|aspiration and injection', category: 'joint_injection', priority: 88 },
  { pattern: 'viscosupplement\\w*|hyaluronic acid injection', category: 'viscosupplementation', priority: 90 },
  { pattern: '(stellate ganglion|lumbar sympathetic|occipital nerve|genicular nerve|suprascapular nerve|peripheral nerve) block|nerve blocks?', category: 'nerve_block', priority: 89 },
  { pattern: 'arthroscop\\w*|arthroplasty|(total|partial) (knee|hip|shoulder) replacement|(knee|hip|shoulder|joint) replacement|repair|reconstruction|fusion|laminectomy|hemilaminectomy|laminotomy|laminoplasty|discectomy|microdiscectomy|foraminotomy|corpectomy|decompression|arthrodesis|meniscectomy|tenodesis|tenotomy|debridement|release|synovectomy|acromioplasty|osteotomy|\\bORIF\\b|open reduction|internal fixation|hardware removal|removal of hardware|spinal cord stimulator|\\bSCS\\b|intrathecal pump|kyphoplasty|vertebroplasty|\\bACDF\\b|\\bTLIF\\b|\\bPLIF\\b|\\bALIF\\b|\\bXLIF\\b|\\bLLIF\\b|surgery|surgical (procedure|intervention)|operative treatment|excision|amputation|manipulation under anesthesia|\\bMUA\\b|\\bCTR\\b|chondroplasty|capsulorrhaphy|bankart|\\bRCR\\b|\\bACL\\b reconstruction|disc replacement|implant', category: 'surgery', priority: 90 },
  { pattern: '(PA|physician assistant|surgical|assistant) assist(ant|ance)?|assistant surgeon|co-?surgeon', category: 'surgical_assistant', priority: 93 },
  // chiropractic (85)
  { pattern: 'chiro\\w*|chiropract\\w*|spinal manipulation|(osteopathic )?manipulative (therapy|treatment)|\\bOMT\\b|\\bCMT\\b|manipulation|manual therapy|spinal adjustment|adjustments', category: 'chiropractic', priority: 85 },
  // therapies (80)
  { pattern: 'aqua(tic)? therapy|aquatic|pool therapy|water therapy|hydrotherapy', category: 'aquatic_therapy', priority: 82 },
  { pattern: 'acupuncture|electro[- ]?acupuncture|acupressure|dry needling', category: 'acupuncture', priority: 82 },
  { pattern: 'massage( therapy)?|myofascial release|soft tissue mobilization', category: 'massage', priority: 81 },
  { pattern: 'physical therap(y|ies|ist)|physiotherapy|\\bPT\\b|occupational therap(y|ies|ist)|\\bOT\\b|hand therap(y|ist)|(home|land[- ]based) (exercise )?therapy|therapeutic exercises?|rehabilitation therapy|rehab(ilitation)? (sessions|visits)|strengthening program|supervised exercise( program)?|(?<=\\b(hand|left hand|right hand|wrist|knee|shoulder|spine) )therapy|\\btherapy (sessions|visits)', category: 'physical_therapy', priority: 80 },
  { pattern: 'H[- ]?wave', category: 'h_wave', priority: 83 },
  { pattern: 'interferential( current)?( stimulat\\w*| unit| therapy)?|\\bIF unit|\\bIFC\\b', category: 'interferential', priority: 83 },
  { pattern: '\\bTENS\\b|transcutaneous electrical nerve stimulat\\w*|TENS unit|\\bTENS/EMS', category: 'tens', priority: 83 },
  { pattern: 'electrical muscle stimulat\\w*|\\bEMS\\b|neuromuscular electrical stimulat\\w*|\\bNMES\\b|galvanic stimulat\\w*|electric(al)? stim(ulation)?|e-?stim|micro[- ]?current|\\bMENS\\b|\\bPENS\\b|percutaneous electrical nerve stimulat\\w*|scrambler therapy', category: 'electrical_stimulation', priority: 82 },
  { pattern: 'shock ?wave|\\bESWT\\b|extracorporeal', category: 'shockwave', priority: 83 },
  { pattern: '(pulsed|therapeutic) ultrasound|ultrasound therapy|phonophoresis|iontophoresis|paraffin( bath| wax)?|hot (and|/) cold packs?|hot packs?|cold packs?|heat therapy|infrared( therapy)?|diathermy|cold laser|low[- ]level laser|laser therapy|\\bLLLT\\b|traction|modalities|kinesio\\w* tap\\w*', category: 'passive_modality', priority: 78 },
  { pattern: 'gym membership|health club|fitness (club|center) membership|pool membership|\\bYMCA\\b', category: 'gym_membership', priority: 90 },
  { pattern: 'home health( care| aide| nurse)?|home (care|aide|nursing|assistance)|\\bRN\\b|nurse visits?|caregiver|attendant care|housekeeping|home health aide|\\bHHA\\b|wound care', category: 'home_health', priority: 80 },
  { pattern: 'transportation|transport to|taxi|\\bride\\b|mileage', category: 'transportation', priority: 80 },
  // durable medical equipment (80)
  { pattern: 'sling|brace|bracing|splint|orthosis|orthotics?|insoles?|\\bcane\\b|walker|crutch(es)?|wheelchair|scooter|commode|shower chair|grab bars?|hospital bed|mattress|pillow|cervical collar|lumbar support|back support|\\bLSO\\b|\\bTLSO\\b|\\bDME\\b|durable medical equipment|unit purchase|rental|purchase|\\bwrap\\b|compression (stockings|garment|sleeve)|hearing aids?|(orthopedic |custom )?shoes|footwear|workstation|ergonomic\\w*|standing desk|sit[- ]stand|chair|keyboard|headset|(home )?exercise (kit|equipment)|stationary bike|treadmill|\\bCPM\\b|continuous passive motion|bone (growth )?stimulator|\\bTheraBand\\b|cervical traction unit|inversion table|(lumbar |back )?corset|(lumbar|back|lumbosacral) (belt|orthosis)|heating pads?|heat(ing)? wraps?|(ice|gel|cold|hot|heat) packs? for (home|home use)|ice packs?|ice bags?', category: 'dme', priority: 79 },
  // device supplies (45): above the weak words, below every device, so "TENS batteries" stays TENS
  { pattern: '(replacement |spare |extra )?(batter(y|ies)|electrodes?|lead wires?|conductive gel)|(replacement|spare|extra) (pads|patches|parts|supplies)', category: 'dme', subcategory: 'supplies', priority: 45 },
  // diagnostics (80)
  { pattern: 'magnetic resonance( imaging)?|\\bMRI\\b|\\bMRIs\\b|\\bMR arthrogra\\w*|\\bMRA\\b', category: 'imaging', modality: 'mri', priority: 80 },
  { pattern: 'computed tomography|\\bCT\\b( scan)?|\\bCAT scan', category: 'imaging', modality: 'ct', priority: 80 },
  { pattern: 'x-?rays?|radiographs?|radiography|plain films?|bone density( scan| study| test)?|\\bDEXA\\b|\\bDXA\\b|flexion[- ]extension (views|films)', category: 'imaging', modality: 'xray', priority: 80 },
  { pattern: 'bone scan|bone scintigraphy|three[- ]phase bone scan|\\bSPECT\\b', category: 'imaging', modality: 'bone_scan', priority: 80 },
  { pattern: '(diagnostic |musculoskeletal )?ultrasound|sonogra\\w*|\\bdoppler\\b', category: 'imaging', modality: 'ultrasound', priority: 76 },
  { pattern: 'myelogra\\w*', category: 'imaging', modality: 'myelogram', priority: 80 },
  { pattern: 'discogra\\w*', category: 'imaging', modality: 'discogram', priority: 80 },
  { pattern: '\\bPET\\b( scan)?', category: 'imaging', modality: 'pet', priority: 80 },
  { pattern: 'electromyogra\\w*|\\bEMGs?\\b|nerve conduction( velocity)?( stud(y|ies)| tests?)?|\\bNCVs?\\b|\\bNCSs?\\b|somatosensory evoked|\\bSSEPs?\\b|electrodiagnostic\\w*', category: 'electrodiagnostic', priority: 81 },
  { pattern: 'labs?\\b|laboratory|blood (work|tests?)|\\bCBC\\b|\\bCMP\\b|\\bBMP\\b|metabolic panel|\\bPT/PTT\\b|\\bPTT\\b|\\bINR\\b|urinalysis|\\bUA\\b|hepatic (function )?panel|liver function|renal (function )?panel|hemoglobin|\\bA1C\\b|lipid panel|thyroid|\\bTSH\\b|vitamin D level|sed rate|\\bESR\\b|\\bCRP\\b|genetic (test(ing)?|metabolism)|pharmacogenetic|\\bDNA test', category: 'lab', priority: 79 },
  { pattern: 'electrocardiogra\\w*|\\bEKGs?\\b|\\bECGs?\\b|electroencephalogra\\w*|\\bEEG\\b|sleep stud(y|ies)|polysomnogra\\w*|echocardiogra\\w*|stress test|pulmonary function|spirometry|audiogra\\w*|hearing test|vestibular (test|testing)|videonystagmogra\\w*|\\bVNG\\b|quantitative sensory|\\bQST\\b|computeri[sz]ed (range of motion|muscle testing)|range of motion testing|muscle testing', category: 'diagnostic_other', priority: 80 },
  // visits and consultations (60)
  { pattern: 'consult(ation)?s?|referral|second opinion|specialist|(pain management|orthop(a)?edic|neurolog\\w*|neurosurg\\w*|podiatr\\w*|rheumatolog\\w*|internal medicine|internist|cardiolog\\w*|urolog\\w*|gastroenterolog\\w*|dermatolog\\w*|ophthalmolog\\w*|otolaryngolog\\w*|\\bENT\\b|dentist|dental|physiatr\\w*|sleep medicine|pulmonolog\\w*|endocrinolog\\w*) (evaluation|consult(ation)?|visit|referral|follow[- ]?up|treatment)|evaluation and treatment|\\bE&T\\b|pain management|evaluation', category: 'consultation', priority: 60 },
  { pattern: 'follow[- ]?up( visits?| office visits?)?|office visits?|re-?evaluations?|re-?exam(ination)?s?|progress (visit|report)|medication management|(medical|pre-?op(erative)?|surgical) clearance|history and physical|\\bH&P\\b|visits?', category: 'office_visit', priority: 62 },
  // weak words (40)
  { pattern: 'injections?', category: 'joint_injection', priority: 40 },
  { pattern: 'therapy|rehab(ilitation)?', category: 'physical_therapy', priority: 40 },
  { pattern: 'unit', category: 'dme', priority: 40 },
];

/** Subcategories read from words, independent of the category (first match wins). */
export const SUBCATEGORY_TERMS: readonly { pattern: string; category: TreatmentCategory; subcategory: string }[] = [
  { pattern: 'medical clearance|pre-?op(erative)? clearance|surgical clearance', category: 'office_visit', subcategory: 'preoperative_clearance' },
  { pattern: 'follow[- ]?up', category: 'office_visit', subcategory: 'follow_up' },
  { pattern: 're-?exam\\w*|re-?evaluat\\w*', category: 'office_visit', subcategory: 're_examination' },
  { pattern: 'medication management', category: 'office_visit', subcategory: 'medication_management' },
  { pattern: 'occupational therap\\w*|\\bOT\\b', category: 'physical_therapy', subcategory: 'occupational_therapy' },
  { pattern: 'hand therap\\w*|(hand|finger)\\w* therapy|therapy (visits |sessions )?for the (left |right )?hand', category: 'physical_therapy', subcategory: 'hand_therapy' },
  { pattern: 'sling', category: 'dme', subcategory: 'sling' },
  { pattern: 'brace|bracing|orthosis|\\bLSO\\b|\\bTLSO\\b|splint', category: 'dme', subcategory: 'brace' },
  { pattern: 'hearing aids?', category: 'dme', subcategory: 'hearing_aid' },
  { pattern: 'workstation|ergonomic\\w*|standing desk|sit[- ]stand|chair|keyboard', category: 'dme', subcategory: 'ergonomic' },
  { pattern: '\\bwrap\\b|compression (stockings|garment|sleeve)', category: 'dme', subcategory: 'compression' },
  { pattern: 'psychological testing|psych\\w* (evaluation|assessment)', category: 'psychological', subcategory: 'evaluation' },
  { pattern: 'psychotherapy|cognitive behavio\\w*|\\bCBT\\b|psych\\w* (treatment|therapy|sessions?|visits?)', category: 'psychological', subcategory: 'treatment' },
  { pattern: 'biofeedback', category: 'psychological', subcategory: 'biofeedback' },
  { pattern: 'work hardening|work conditioning', category: 'functional_restoration', subcategory: 'work_hardening' },
  { pattern: 'rotator cuff|\\bRCR\\b', category: 'surgery', subcategory: 'rotator_cuff_repair' },
  { pattern: 'bankart|labr\\w* repair|capsulorrhaphy', category: 'surgery', subcategory: 'shoulder_stabilisation' },
  { pattern: 'menisc\\w*', category: 'surgery', subcategory: 'meniscectomy' },
  { pattern: '\\bACL\\b|anterior cruciate', category: 'surgery', subcategory: 'acl_reconstruction' },
  { pattern: 'carpal tunnel|\\bCTR\\b', category: 'surgery', subcategory: 'carpal_tunnel_release' },
  { pattern: 'cubital tunnel', category: 'surgery', subcategory: 'cubital_tunnel_release' },
  { pattern: 'trigger (finger|thumb)', category: 'surgery', subcategory: 'trigger_finger_release' },
  { pattern: '\\bORIF\\b|open reduction|internal fixation', category: 'surgery', subcategory: 'fracture_fixation' },
  { pattern: 'fusion|corpectomy|\\bACDF\\b|\\bTLIF\\b|\\bPLIF\\b|\\bALIF\\b|\\bXLIF\\b|\\bLLIF\\b|arthrodesis', category: 'surgery', subcategory: 'spinal_fusion' },
  { pattern: 'discectomy|microdiscectomy|laminectomy|hemilaminectomy|laminotomy|laminoplasty|foraminotomy', category: 'surgery', subcategory: 'spinal_decompression' },
  { pattern: 'subacromial decompression|acromioplasty', category: 'surgery', subcategory: 'subacromial_decompression' },
  { pattern: 'arthroplasty|replacement', category: 'surgery', subcategory: 'arthroplasty' },
  { pattern: 'spinal cord stimulator|\\bSCS\\b', category: 'surgery', subcategory: 'spinal_cord_stimulator' },
  { pattern: 'arthroscop\\w*', category: 'surgery', subcategory: 'arthroscopy' },
  { pattern: 'medial branch', category: 'facet_injection', subcategory: 'medial_branch_block' },
  { pattern: 'transforaminal', category: 'epidural_injection', subcategory: 'transforaminal' },
  { pattern: 'interlaminar', category: 'epidural_injection', subcategory: 'interlaminar' },
  { pattern: 'caudal', category: 'epidural_injection', subcategory: 'caudal' },
  { pattern: 'sacroiliac|\\bSI joint', category: 'joint_injection', subcategory: 'sacroiliac' },
];
