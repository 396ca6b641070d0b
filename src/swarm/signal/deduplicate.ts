import {
  oppositeSignalKey,
  signalKey,
  type ConsensusSignal,
  type InstanceId,
  type Signal,
} from '../../domain/index.js';

function opposedViews(a: Signal, b: Signal): boolean {
  return (a.view === 'bullish' && b.view === 'bearish') || (a.view === 'bearish' && b.view === 'bullish');
}

/** Two trades on one underlying that point opposite ways: the same structure reversed, or opposite views. */
function conflicts(a: Signal, b: Signal): boolean {
  if (a.underlying !== b.underlying) return false;
  return signalKey(b) === oppositeSignalKey(a) || opposedViews(a, b);
}

/**
 * Merges the same trade (underlying, action, and every leg's right, strike, expiry, side and ratio,
 * in any order) from several instances into one consensus signal: agreement is the number of distinct
 * instances, confidence statistics are over them (each instance's highest), and the representative
 * signal is the most confident (ties: the smaller instance id). Opposite trades on one underlying stay
 * separate and name each other in `conflictsWith`. Sorted by agreement, then mean confidence, then key.
 */
export function deduplicateSignals(signals: readonly Signal[]): ConsensusSignal[] {
  const groups = new Map<string, Map<InstanceId, Signal>>();
  for (const signal of signals) {
    const key = signalKey(signal);
    const byInstance = groups.get(key) ?? new Map<InstanceId, Signal>();
    const existing = byInstance.get(signal.instanceId);
    if (!existing || signal.confidence > existing.confidence) byInstance.set(signal.instanceId, signal);
    groups.set(key, byInstance);
  }
  const merged = [...groups.entries()].map(([key, byInstance]) => {
    const members = [...byInstance.values()].sort(
      (a, b) => b.confidence - a.confidence || a.instanceId.localeCompare(b.instanceId),
    );
    const confidences = members.map((m) => m.confidence);
    return {
      key,
      signal: members[0]!,
      instanceIds: [...byInstance.keys()].sort(),
      agreement: members.length,
      confidence: {
        mean: confidences.reduce((a, b) => a + b, 0) / confidences.length,
        min: Math.min(...confidences),
        max: Math.max(...confidences),
      },
    };
  });
  return merged
    .map((c): ConsensusSignal => ({
      ...c,
      conflictsWith: merged
        .filter((o) => o.key !== c.key && conflicts(c.signal, o.signal))
        .map((o) => o.key)
        .sort(),
    }))
    .sort(
      (a, b) =>
        b.agreement - a.agreement || b.confidence.mean - a.confidence.mean || a.key.localeCompare(b.key),
    );
}
