/** Where the assisted-session and resume-code pages live. */
export const ASSIST_PATHS = {
  staff: '/settings/staff',
  endSession: '/settings/staff/end',
  sessionEnded: '/settings/staff/ended',
  handOver: '/apply/hand-over',
  newCode: '/resume/new',
  redeemCode: '/resume',
} as const;
