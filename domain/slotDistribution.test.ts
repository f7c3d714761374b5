import { describe, expect, it } from 'vitest';
import { distributeOverSlots, freeSeats, inviteCutoff, type SlotSeats } from './slotDistribution';

const H = 3_600_000;
const slot = (slotId: string, hour: number, capacity: number, taken = 0): SlotSeats => ({
  slotId,
  startsAt: Date.UTC(2027, 1, 1) + hour * H,
  capacity,
  taken,
});

describe('distributeOverSlots', () => {
  it('fills the slots in time order, up to each capacity', () => {
    const result = distributeOverSlots(['r1', 'r2', 'r3', 'r4', 'r5'], [slot('late', 10, 3), slot('early', 8, 2), slot('mid', 9, 1)]);
    expect(result).toEqual({
      ok: true,
      assignments: [
        { inviteeId: 'r1', slotId: 'early' },
        { inviteeId: 'r2', slotId: 'early' },
        { inviteeId: 'r3', slotId: 'mid' },
        { inviteeId: 'r4', slotId: 'late' },
        { inviteeId: 'r5', slotId: 'late' },
      ],
    });
  });

  it('counts seats already taken', () => {
    const result = distributeOverSlots(['r1', 'r2'], [slot('a', 8, 2, 2), slot('b', 9, 3, 2)]);
    expect(result).toEqual({ ok: false, needed: 2, free: 1 });
    const ok = distributeOverSlots(['r1'], [slot('a', 8, 2, 2), slot('b', 9, 3, 2)]);
    expect(ok).toEqual({ ok: true, assignments: [{ inviteeId: 'r1', slotId: 'b' }] });
  });

  it('refuses, placing nobody, when there are fewer seats than invitees', () => {
    expect(distributeOverSlots(['r1', 'r2', 'r3'], [slot('a', 8, 1), slot('b', 9, 1)])).toEqual({ ok: false, needed: 3, free: 2 });
    expect(distributeOverSlots(['r1'], [])).toEqual({ ok: false, needed: 1, free: 0 });
  });

  it('places nobody when nobody is invited', () => {
    expect(distributeOverSlots([], [slot('a', 8, 1)])).toEqual({ ok: true, assignments: [] });
  });

  it('is deterministic: slot order in the input and equal start times do not change the result', () => {
    const slots = [slot('s-b', 8, 1), slot('s-a', 8, 1), slot('s-c', 7, 1)];
    const first = distributeOverSlots(['r1', 'r2', 'r3'], slots);
    const second = distributeOverSlots(['r1', 'r2', 'r3'], [...slots].reverse());
    expect(first).toEqual(second);
    expect(first.ok && first.assignments.map((a) => a.slotId)).toEqual(['s-c', 's-a', 's-b']);
  });

  it('does not change its input', () => {
    const slots = [slot('b', 9, 1), slot('a', 8, 1)];
    const copy = structuredClone(slots);
    distributeOverSlots(['r1', 'r2'], slots);
    expect(slots).toEqual(copy);
  });

  it('counts free seats, never below zero per slot', () => {
    expect(freeSeats([slot('a', 8, 2, 3), slot('b', 9, 4, 1)])).toBe(3);
  });
});

describe('inviteCutoff', () => {
  it('invites everyone without a limit or with fewer candidates than the limit', () => {
    expect(inviteCutoff([90, 80], null)).toBe(null);
    expect(inviteCutoff([90, 80], 2)).toBe(null);
  });

  it('is the limit-th best score, so those tied at the last place are all invited', () => {
    const scores = [95, 90, 80, 80, 80, 70];
    const cutoff = inviteCutoff(scores, 3);
    expect(cutoff).toBe(80);
    expect(scores.filter((s) => s >= cutoff!)).toHaveLength(5);
    expect(inviteCutoff([95, 90, 80, 70], 2)).toBe(90);
  });

  it('invites nobody with a limit of zero', () => {
    expect(inviteCutoff([95], 0)).toBe(Infinity);
  });
});
