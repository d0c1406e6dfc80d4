/** The deploying lender's details shown in "Get help"; set at build time by the lender. */
export const lender = {
  phone: import.meta.env.VITE_KINDLY_LENDER_PHONE ?? '400-888-5566',
};

/** The phone number as a tel: URI (digits and a leading + only). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
