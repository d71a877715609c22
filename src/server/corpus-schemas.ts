import { z } from 'zod';

/**
 * The corpus search filters as a query string or a body names them (DWC's public IMR search
 * filters), shared by the search, stats and saved-search routes.
 */
export const filterQuery = z.object({
  decision: z.string().max(20).optional(),
  category: z.string().max(60).optional(),
  citation: z.string().max(20).optional(),
  section: z.string().max(200).optional(),
  specialty: z.string().max(200).optional(),
  year: z.string().max(4).optional(),
  priority: z.string().max(20).optional(),
  caseNumber: z.string().max(40).optional().describe('The letter\'s case number (e.g. CM16-0000001)'),
  injuryFrom: z.string().max(40).optional().describe('Injury date on or after (YYYY-MM-DD)'),
  injuryTo: z.string().max(40).optional().describe('Injury date on or before (YYYY-MM-DD)'),
  receivedFrom: z.string().max(40).optional().describe('IMR application received on or after (YYYY-MM-DD)'),
  receivedTo: z.string().max(40).optional().describe('IMR application received on or before (YYYY-MM-DD)'),
  decisionFrom: z.string().max(40).optional().describe('Decision date on or after (YYYY-MM-DD)'),
  decisionTo: z.string().max(40).optional().describe('Decision date on or before (YYYY-MM-DD)'),
});
