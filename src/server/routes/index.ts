import type { RouteModule } from '../app.js';
import { healthRoutes } from './health.route.js';
import { authRoutes } from './auth.route.js';
import { userRoutes } from './users.route.js';
import { caseRoutes } from './cases.route.js';
import { letterRoutes } from './letters.route.js';
import { mailedLetterRoutes } from './mailed-letters.route.js';
import { reviewerRoutes } from './reviewers.route.js';
import { auditRoutes } from './audit.route.js';
import { documentRoutes } from './documents.route.js';
import { corpusRoutes } from './corpus.route.js';
import { savedSearchRoutes } from './saved-searches.route.js';
import { summaryRoutes } from './summary.route.js';
import { ineligibilityRoutes } from './ineligibility.route.js';
import { publicationRoutes } from './publication.route.js';
import { operationsRoutes } from './operations.route.js';
import { appealRoutes } from './appeals.route.js';

/** Every route module, one line each (register yours here). */
export const ROUTES: RouteModule[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  caseRoutes,
  letterRoutes,
  mailedLetterRoutes,
  reviewerRoutes,
  auditRoutes,
  documentRoutes,
  corpusRoutes,
  savedSearchRoutes,
  summaryRoutes,
  ineligibilityRoutes,
  publicationRoutes,
  operationsRoutes,
  appealRoutes,
];
