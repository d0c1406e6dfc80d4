/** The deploying lender's details shown in "Get help"; set at build time by the lender. */
export const lender = {
  phone: import.meta.env.VITE_KINDLY_LENDER_PHONE ?? '400-888-5566',
  /** Days after sending in which an application can be withdrawn at no cost; the server's
   *  KINDLY_COOLING_OFF_DAYS must say the same. */
  coolingOffDays: Number(import.meta.env.VITE_KINDLY_COOLING_OFF_DAYS ?? 14),
};

/** The phone number as a tel: URI (digits and a leading + only). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
