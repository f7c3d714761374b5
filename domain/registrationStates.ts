// The SOP stage machine for one registration (one candidate in one batch).
// TRANSITIONS is the only place that says which step may follow which; use cases,
// the UI's allowed actions and the timeline all read it.
// Announcement is a fact about the batch (results published), not a registration state.

export const REGISTRATION_STATES = [
  'registered',
  'assessed',
  'incomplete',
  'written_test_passed',
  'written_test_failed',
  'invited_to_interview',
  'interviewed',
  'passed',
  'reserve',
  'not_passed',
  're_registered',
  'forfeited',
  'handed_over',
  'withdrawn',
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export const REGISTRATION_ACTIONS = [
  'complete_assessments',
  'lapse_assessments',
  'pass_written_test',
  'fail_written_test',
  'invite_to_interview',
  'not_invite',
  'record_interview',
  'plenary_pass',
  'plenary_reserve',
  'plenary_not_pass',
  'amend_to_passed',
  'amend_to_reserve',
  'amend_to_not_passed',
  'promote_reserve',
  'close_reserve',
  're_register',
  'forfeit',
  'hand_over',
  'decline_place',
  'withdraw',
] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number];

export type Transition = { from: RegistrationState; action: RegistrationAction; to: RegistrationState };

/** States from which nothing moves on: the registration's story is over. */
export const TERMINAL_STATES = [
  'incomplete',
  'written_test_failed',
  'not_passed',
  'forfeited',
  'handed_over',
  'withdrawn',
] as const satisfies readonly RegistrationState[];

const TERMINAL_SET: ReadonlySet<RegistrationState> = new Set(TERMINAL_STATES);

export function isActiveState(state: RegistrationState): boolean {
  return !TERMINAL_SET.has(state);
}

const FORWARD: ReadonlyArray<Transition> = [
  // SOP steps 5–6: all three assessments done before the deadline, or not.
  { from: 'registered', action: 'complete_assessments', to: 'assessed' },
  { from: 'registered', action: 'lapse_assessments', to: 'incomplete' },
  // Written-test results (Asesmen Siap Latih) published by the committee.
  { from: 'assessed', action: 'pass_written_test', to: 'written_test_passed' },
  { from: 'assessed', action: 'fail_written_test', to: 'written_test_failed' },
  // SOP step 7: only those invited are interviewed.
  { from: 'written_test_passed', action: 'invite_to_interview', to: 'invited_to_interview' },
  // A batch may invite only the best N by written score: the others' registration ends
  // here, so the one-active-registration rule does not hold them back elsewhere.
  { from: 'written_test_passed', action: 'not_invite', to: 'not_passed' },
  { from: 'invited_to_interview', action: 'record_interview', to: 'interviewed' },
  // SOP step 8: the plenary decides. Someone invited but absent (and not rescheduled),
  // or never interviewed, is not passed by the plenary.
  { from: 'interviewed', action: 'plenary_pass', to: 'passed' },
  { from: 'interviewed', action: 'plenary_reserve', to: 'reserve' },
  { from: 'interviewed', action: 'plenary_not_pass', to: 'not_passed' },
  { from: 'invited_to_interview', action: 'plenary_not_pass', to: 'not_passed' },
  // A reserve steps in for someone who forfeits, or is released when the batch closes.
  { from: 'reserve', action: 'promote_reserve', to: 'passed' },
  { from: 'reserve', action: 'close_reserve', to: 'not_passed' },
  // An amendment of a finalised plenary (a new snapshot with its reason) moves an
  // outcome between passed and reserve, or ends it. 'not_passed' stays terminal: the
  // candidate may already be registered elsewhere (docs/decisions/009).
  { from: 'reserve', action: 'amend_to_passed', to: 'passed' },
  { from: 'passed', action: 'amend_to_reserve', to: 'reserve' },
  { from: 'passed', action: 'amend_to_not_passed', to: 'not_passed' },
  { from: 'reserve', action: 'amend_to_not_passed', to: 'not_passed' },
  // SOP step 10: re-registration is mandatory for those who passed.
  { from: 'passed', action: 're_register', to: 're_registered' },
  { from: 'passed', action: 'forfeit', to: 'forfeited' },
  // The candidate gives up a place (or a reserve their place on the list) themself:
  // the place goes to the next reserve; a reserve who declined is never promoted.
  { from: 'passed', action: 'decline_place', to: 'forfeited' },
  { from: 'reserve', action: 'decline_place', to: 'forfeited' },
  // SOP step 11: handover to the organiser.
  { from: 're_registered', action: 'hand_over', to: 'handed_over' },
];

/** The single transition table: the SOP steps plus withdrawal from every active state. */
export const TRANSITIONS: ReadonlyArray<Transition> = Object.freeze([
  ...FORWARD,
  ...REGISTRATION_STATES.filter(isActiveState).map(
    (from): Transition => ({ from, action: 'withdraw', to: 'withdrawn' }),
  ),
]);

export const STATE_LABELS: Record<RegistrationState, { id: string; en: string }> = {
  registered: { id: 'Terdaftar', en: 'Registered' },
  assessed: { id: 'Asesmen selesai', en: 'Assessments completed' },
  incomplete: { id: 'Tidak lengkap', en: 'Incomplete' },
  written_test_passed: { id: 'Lulus tes tulis', en: 'Passed the written test' },
  written_test_failed: { id: 'Tidak lulus tes tulis', en: 'Failed the written test' },
  invited_to_interview: { id: 'Diundang wawancara', en: 'Invited to interview' },
  interviewed: { id: 'Sudah wawancara', en: 'Interviewed' },
  passed: { id: 'Lulus', en: 'Passed' },
  reserve: { id: 'Cadangan', en: 'Reserve' },
  not_passed: { id: 'Tidak lulus', en: 'Not passed' },
  re_registered: { id: 'Sudah daftar ulang', en: 'Re-registered' },
  forfeited: { id: 'Gugur', en: 'Forfeited' },
  handed_over: { id: 'Diserahkan ke penyelenggara', en: 'Handed over to the organiser' },
  withdrawn: { id: 'Mengundurkan diri', en: 'Withdrawn' },
};

export const ACTION_LABELS: Record<RegistrationAction, { id: string; en: string }> = {
  complete_assessments: { id: 'Selesaikan asesmen', en: 'Complete assessments' },
  lapse_assessments: { id: 'Tandai asesmen tidak lengkap', en: 'Mark assessments incomplete' },
  pass_written_test: { id: 'Nyatakan lulus tes tulis', en: 'Pass written test' },
  fail_written_test: { id: 'Nyatakan tidak lulus tes tulis', en: 'Fail written test' },
  invite_to_interview: { id: 'Undang wawancara', en: 'Invite to interview' },
  not_invite: { id: 'Tidak diundang wawancara', en: 'Not invited to interview' },
  record_interview: { id: 'Catat hasil wawancara', en: 'Record interview' },
  plenary_pass: { id: 'Pleno: lulus', en: 'Plenary: pass' },
  plenary_reserve: { id: 'Pleno: cadangan', en: 'Plenary: reserve' },
  plenary_not_pass: { id: 'Pleno: tidak lulus', en: 'Plenary: not passed' },
  amend_to_passed: { id: 'Perubahan pleno: lulus', en: 'Plenary amendment: passed' },
  amend_to_reserve: { id: 'Perubahan pleno: cadangan', en: 'Plenary amendment: reserve' },
  amend_to_not_passed: { id: 'Perubahan pleno: tidak lulus', en: 'Plenary amendment: not passed' },
  promote_reserve: { id: 'Naikkan cadangan menjadi lulus', en: 'Promote reserve' },
  close_reserve: { id: 'Tutup daftar cadangan', en: 'Close reserve list' },
  re_register: { id: 'Daftar ulang', en: 'Re-register' },
  forfeit: { id: 'Nyatakan gugur', en: 'Forfeit' },
  hand_over: { id: 'Serahkan ke penyelenggara', en: 'Hand over to the organiser' },
  decline_place: { id: 'Menolak tempat', en: 'Decline the place' },
  withdraw: { id: 'Mengundurkan diri', en: 'Withdraw' },
};

export function isRegistrationState(value: unknown): value is RegistrationState {
  return typeof value === 'string' && (REGISTRATION_STATES as readonly string[]).includes(value);
}

export function isRegistrationAction(value: unknown): value is RegistrationAction {
  return typeof value === 'string' && (REGISTRATION_ACTIONS as readonly string[]).includes(value);
}

export type NextStateResult = { ok: true; to: RegistrationState } | { ok: false; message: string };

export function nextState(from: RegistrationState, action: RegistrationAction): NextStateResult {
  // Values come from the database and forms; guard against strings outside the union.
  if (!isRegistrationState(from)) return { ok: false, message: 'Status pendaftaran tidak dikenal.' };
  const transition = TRANSITIONS.find((t) => t.from === from && t.action === action);
  if (!transition) {
    return {
      ok: false,
      message: `Tindakan ini tidak dapat dilakukan pada pendaftaran berstatus «${STATE_LABELS[from].id}».`,
    };
  }
  return { ok: true, to: transition.to };
}

/** Actions possible from `from`, in table order (what the UI may offer). */
export function allowedActions(from: RegistrationState): RegistrationAction[] {
  return TRANSITIONS.filter((t) => t.from === from).map((t) => t.action);
}
