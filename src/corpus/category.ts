import { normaliseRequest } from '../engine/request/index.js';
import type { Categorise } from './records.js';

/** The treatment category of a request, from the request normaliser (null if it cannot tell). */
export const categoriseRequest: Categorise = (request) => {
  try {
    return normaliseRequest(request).category;
  } catch {
    return null;
  }
};
