import { describe, expect, it } from 'vitest';
import { frameSight, lumaOf, MOVING, TOO_DARK } from './camera-sight';

function grey(level: number, pixels = 16): Uint8ClampedArray {
  return new Uint8ClampedArray(
    Array.from({ length: pixels * 4 }, (_, i) => (i % 4 === 3 ? 255 : level)),
  );
}

describe('how a camera frame looks', () => {
  it('weighs green most, as the eye does', () => {
    expect([
      ...lumaOf(new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255])),
    ]).toEqual([76, 150, 29]);
  });

  it('is too dark below the threshold and not at it', () => {
    expect(frameSight(lumaOf(grey(TOO_DARK - 1)), null)).toBe('dark');
    expect(frameSight(lumaOf(grey(TOO_DARK)), lumaOf(grey(TOO_DARK)))).toBe('steady');
    expect(frameSight(new Uint8Array(), null)).toBe('dark');
  });

  it('is moving when the picture changes by more than the threshold, steady otherwise', () => {
    const before = lumaOf(grey(120));
    expect(frameSight(lumaOf(grey(120 + MOVING + 1)), before)).toBe('moving');
    expect(frameSight(lumaOf(grey(120 + MOVING)), before)).toBe('steady');
    expect(frameSight(lumaOf(grey(120)), null)).toBe('moving');
  });
});
