/** The request normaliser: free-text disputed item → category, drug, quantities, regions, unknowns. */
export { normaliseRequest } from './normalise-request.js';
export * from './normalised-request.js';
