/** Debian's Chromium, or $CHROME_PATH: no browser is ever downloaded. */
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** The launch flags proven on this kind of machine (../shared/STACK.md): without the
 *  background-networking ones Chromium floods the closed network with refused connections. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
