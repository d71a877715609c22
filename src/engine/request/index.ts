/** The request normaliser: free-text disputed item → category, drug, quantities, regions, unknowns. */
export { normaliseRequest, cleanRequestText, isMedicationCategory } from './normalise-request.js';
export * from './normalised-request.js';
export { findDrugs, findRegions, findTerms, uniqueRegions } from './matchers.js';
