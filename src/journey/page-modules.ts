import { SIDE_PAGES, STEPS } from './flow';

/** Each journey page's path and its component: the folder under src/journey and the name it
 *  exports, which are the same. Read by routes.ts to load a page, and by the build
 *  (scripts/inline-boot.ts) to tell the boot script which file a journey page opened directly
 *  needs, so that it is fetched beside the app's code rather than after it has run. Imports
 *  nothing but the flow's paths. */
export const JOURNEY_PAGE_MODULES: Readonly<Record<string, string>> = {
  [STEPS[0].path]: 'ChooseLoanPage',
  '/apply/amount': 'AmountPage',
  '/apply/term': 'TermPage',
  '/apply/repayment': 'RepaymentPage',
  '/apply/about-you': 'AboutYouPage',
  '/apply/income': 'IncomePage',
  '/apply/trusted-contact': 'TrustedContactPage',
  '/apply/safety': 'SafetyPage',
  '/apply/check': 'CheckAnswersPage',
  '/apply/understand': 'UnderstandPage',
  '/apply/declaration': 'DeclarationPage',
  [SIDE_PAGES.affordability]: 'AffordabilityPage',
  [SIDE_PAGES.safetyStop]: 'SafetyStopPage',
  [SIDE_PAGES.confirmation]: 'ConfirmationPage',
  [SIDE_PAGES.applications]: 'MyApplicationsPage',
  [SIDE_PAGES.offer]: 'OfferPage',
};
