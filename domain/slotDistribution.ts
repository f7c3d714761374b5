// Distributing invited candidates over interview slots (SOP step 7): slots are filled in
// time order up to their capacity, candidates taken in the order given (best written
// score first). Deterministic: the same input always gives the same assignment.

export type SlotSeats = {
  slotId: string;
  /** Epoch milliseconds. */
  startsAt: number;
  capacity: number;
  /** Seats already taken. */
  taken: number;
};

export type SlotDistribution =
  | { ok: true; assignments: Array<{ inviteeId: string; slotId: string }> }
  | { ok: false; needed: number; free: number };

/** Free seats in `slots`. */
export function freeSeats(slots: readonly SlotSeats[]): number {
  return slots.reduce((n, s) => n + Math.max(0, s.capacity - s.taken), 0);
}

/**
 * Place `inviteeIds` (in that order) into the earliest slots with room, equal start
 * times ordered by slot id. Refuses, placing nobody, when the free seats are fewer than
 * the invitees.
 */
export function distributeOverSlots(inviteeIds: readonly string[], slots: readonly SlotSeats[]): SlotDistribution {
  const free = freeSeats(slots);
  if (free < inviteeIds.length) return { ok: false, needed: inviteeIds.length, free };
  const ordered = [...slots].sort((a, b) => a.startsAt - b.startsAt || (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0));
  const assignments: Array<{ inviteeId: string; slotId: string }> = [];
  let index = 0;
  for (const slot of ordered) {
    let room = Math.max(0, slot.capacity - slot.taken);
    while (room > 0 && index < inviteeIds.length) {
      assignments.push({ inviteeId: inviteeIds[index]!, slotId: slot.slotId });
      index += 1;
      room -= 1;
    }
    if (index >= inviteeIds.length) break;
  }
  return { ok: true, assignments };
}

/**
 * Who is invited when only the best `limit` may be: everyone scoring at least the
 * limit-th best score, so candidates tied at the last place are all invited
 * (docs/decisions/011). `ranked` is best first; null limit invites everyone.
 */
export function inviteCutoff(scoresBestFirst: readonly number[], limit: number | null): number | null {
  if (limit === null || scoresBestFirst.length <= limit) return null;
  if (limit <= 0) return Infinity;
  return scoresBestFirst[limit - 1]!;
}
