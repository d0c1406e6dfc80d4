import type { ComponentType } from 'preact';
import { SIDE_PAGES, STEPS } from './flow';

type Loader = () => Promise<ComponentType>;

// Each page is its own chunk, fetched when first needed, so Welcome carries none of them.
const pages: Record<string, Loader> = {
  [STEPS[0].path]: () => import('./ChooseLoanPage').then((m) => m.ChooseLoanPage),
  '/apply/amount': () => import('./AmountPage').then((m) => m.AmountPage),
  '/apply/term': () => import('./TermPage').then((m) => m.TermPage),
  '/apply/repayment': () => import('./RepaymentPage').then((m) => m.RepaymentPage),
  '/apply/about-you': () => import('./AboutYouPage').then((m) => m.AboutYouPage),
  '/apply/income': () => import('./IncomePage').then((m) => m.IncomePage),
  '/apply/trusted-contact': () => import('./TrustedContactPage').then((m) => m.TrustedContactPage),
  '/apply/safety': () => import('./SafetyPage').then((m) => m.SafetyPage),
  '/apply/check': () => import('./CheckAnswersPage').then((m) => m.CheckAnswersPage),
  '/apply/understand': () => import('./UnderstandPage').then((m) => m.UnderstandPage),
  '/apply/declaration': () => import('./DeclarationPage').then((m) => m.DeclarationPage),
  [SIDE_PAGES.affordability]: () => import('./AffordabilityPage').then((m) => m.AffordabilityPage),
  [SIDE_PAGES.safetyStop]: () => import('./SafetyStopPage').then((m) => m.SafetyStopPage),
  [SIDE_PAGES.confirmation]: () => import('./ConfirmationPage').then((m) => m.ConfirmationPage),
  [SIDE_PAGES.applications]: () => import('./MyApplicationsPage').then((m) => m.MyApplicationsPage),
};

/** The journey's pages as routes of the app. */
export const journeyRoutes = Object.entries(pages).map(([path, load]) => ({ path, load }));
