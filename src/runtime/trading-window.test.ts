import { describe, expect, it } from 'vitest';
import { tradingWindow } from './trading-window.js';

const open = Date.parse('2026-11-24T14:30:00Z');
const close = Date.parse('2026-11-24T21:00:00Z');
const at = (time: number, isOpen = true) => ({
  time,
  isOpen,
  nextOpen: open,
  nextClose: close,
  earlyClose: false,
});
const minutes = { openDelayMs: 5 * 60_000, closeBufferMs: 10 * 60_000 };

describe('tradingWindow', () => {
  it('is shut until the open delay has passed', () => {
    expect(tradingWindow(at(open + 4 * 60_000), minutes)).toEqual({
      open: false,
      why: 'open delay',
      until: open + 5 * 60_000,
    });
    expect(tradingWindow(at(open + 5 * 60_000), minutes)).toEqual({ open: true });
  });

  it('shuts for the close buffer', () => {
    expect(tradingWindow(at(close - 10 * 60_000 - 1), minutes)).toEqual({ open: true });
    expect(tradingWindow(at(close - 10 * 60_000), minutes)).toEqual({
      open: false,
      why: 'close buffer',
      until: close,
    });
  });

  it('is shut while the market is closed, until the next open plus the delay', () => {
    expect(tradingWindow(at(open - 60_000, false), minutes)).toEqual({
      open: false,
      why: 'market closed',
      until: open + 5 * 60_000,
    });
  });

  it('with no delay and no buffer, is the session itself', () => {
    expect(tradingWindow(at(open), { openDelayMs: 0, closeBufferMs: 0 })).toEqual({ open: true });
    expect(tradingWindow(at(close - 1), { openDelayMs: 0, closeBufferMs: 0 })).toEqual({ open: true });
  });
});
