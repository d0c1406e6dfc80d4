// What a small, low-resolution copy of a camera frame says before anything is read: too dark
// to read, or moving. Pure, over RGBA pixels, so it is tested without a camera.

/** Mean brightness (0-255) under which the card's small print cannot be read. */
export const TOO_DARK = 60;

/** Mean change of brightness between two frames (0-255) above which the card is moving. */
export const MOVING = 12;

/** The brightness of each pixel of an RGBA image (Rec. 601 weights). */
export function lumaOf(rgba: Uint8ClampedArray): Uint8Array {
  const luma = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < luma.length; i++) {
    const r = rgba[i * 4] ?? 0;
    const g = rgba[i * 4 + 1] ?? 0;
    const b = rgba[i * 4 + 2] ?? 0;
    luma[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return luma;
}

/** How a frame looks: 'dark', 'moving' (against the previous frame's luma) or 'steady'. */
export function frameSight(
  luma: Uint8Array,
  previous: Uint8Array | null,
): 'dark' | 'moving' | 'steady' {
  if (luma.length === 0) return 'dark';
  let sum = 0;
  for (const value of luma) sum += value;
  if (sum / luma.length < TOO_DARK) return 'dark';
  if (!previous || previous.length !== luma.length) return 'moving';
  let change = 0;
  for (let i = 0; i < luma.length; i++) change += Math.abs((luma[i] ?? 0) - (previous[i] ?? 0));
  return change / luma.length > MOVING ? 'moving' : 'steady';
}
