import { describe, it, expect } from 'vitest';
import {
  ACTION_LABELS,
  REGISTRATION_ACTIONS,
  REGISTRATION_STATES,
  STATE_LABELS,
  TERMINAL_STATES,
  TRANSITIONS,
  allowedActions,
  isActiveState,
  isRegistrationAction,
  isRegistrationState,
  nextState,
} from './registrationStates';
import type { RegistrationAction, RegistrationState } from './registrationStates';

function run(from: RegistrationState, ...actions: RegistrationAction[]): RegistrationState {
  let state = from;
  for (const action of actions) {
    const result = nextState(state, action);
    if (!result.ok) throw new Error(`${action} from ${state}: ${result.message}`);
    state = result.to;
  }
  return state;
}

describe('the transition table', () => {
  it('has no duplicate (from, action) pair: the machine is deterministic', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}:${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses only known states and actions', () => {
    for (const t of TRANSITIONS) {
      expect(REGISTRATION_STATES).toContain(t.from);
      expect(REGISTRATION_STATES).toContain(t.to);
      expect(REGISTRATION_ACTIONS).toContain(t.action);
    }
  });

  it('uses every action and reaches every state', () => {
    expect(new Set(TRANSITIONS.map((t) => t.action))).toEqual(new Set(REGISTRATION_ACTIONS));
    const reached = new Set<RegistrationState>(['registered', ...TRANSITIONS.map((t) => t.to)]);
    expect(reached).toEqual(new Set(REGISTRATION_STATES));
  });

  it('leads nowhere from a terminal state and somewhere from every active one', () => {
    for (const state of REGISTRATION_STATES) {
      const outgoing = TRANSITIONS.filter((t) => t.from === state);
      if (isActiveState(state)) expect(outgoing.length).toBeGreaterThan(0);
      else expect(outgoing).toEqual([]);
    }
  });

  it('allows withdrawal from exactly the active states', () => {
    const withdrawable = TRANSITIONS.filter((t) => t.action === 'withdraw').map((t) => t.from);
    expect(new Set(withdrawable)).toEqual(new Set(REGISTRATION_STATES.filter(isActiveState)));
    expect(TRANSITIONS.filter((t) => t.action === 'withdraw').every((t) => t.to === 'withdrawn')).toBe(true);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
  });
});

describe('TERMINAL_STATES / isActiveState', () => {
  it('names the six terminal states', () => {
    expect([...TERMINAL_STATES].sort()).toEqual(
      ['forfeited', 'handed_over', 'incomplete', 'not_passed', 'withdrawn', 'written_test_failed'].sort(),
    );
  });
  it('treats everything else as active', () => {
    const active = REGISTRATION_STATES.filter(isActiveState);
    expect(active).toEqual([
      'registered',
      'assessed',
      'written_test_passed',
      'invited_to_interview',
      'interviewed',
      'passed',
      'reserve',
      're_registered',
    ]);
  });
});

describe('nextState', () => {
  it('follows the SOP from registration to handover', () => {
    expect(
      run(
        'registered',
        'complete_assessments',
        'pass_written_test',
        'invite_to_interview',
        'record_interview',
        'plenary_pass',
        're_register',
        'hand_over',
      ),
    ).toBe('handed_over');
  });

  it('covers each branch', () => {
    expect(run('registered', 'lapse_assessments')).toBe('incomplete');
    expect(run('assessed', 'fail_written_test')).toBe('written_test_failed');
    expect(run('interviewed', 'plenary_reserve')).toBe('reserve');
    expect(run('interviewed', 'plenary_not_pass')).toBe('not_passed');
    expect(run('reserve', 'promote_reserve', 're_register')).toBe('re_registered');
    expect(run('reserve', 'close_reserve')).toBe('not_passed');
    expect(run('passed', 'forfeit')).toBe('forfeited');
    expect(run('passed', 'decline_place')).toBe('forfeited');
    expect(run('reserve', 'decline_place')).toBe('forfeited');
    expect(run('written_test_passed', 'not_invite')).toBe('not_passed');
    expect(run('invited_to_interview', 'plenary_not_pass')).toBe('not_passed');
    expect(run('passed', 'amend_to_reserve', 'amend_to_passed')).toBe('passed');
    expect(run('reserve', 'amend_to_not_passed')).toBe('not_passed');
    expect(run('re_registered', 'withdraw')).toBe('withdrawn');
  });

  it('refuses skipping a step, naming the current state', () => {
    expect(nextState('registered', 'plenary_pass')).toEqual({
      ok: false,
      message: 'Tindakan ini tidak dapat dilakukan pada pendaftaran berstatus «Terdaftar».',
    });
    expect(nextState('written_test_passed', 'record_interview').ok).toBe(false);
    expect(nextState('interviewed', 'promote_reserve').ok).toBe(false);
    expect(nextState('passed', 'hand_over').ok).toBe(false);
    // A place can be declined only while it is held (or waited for), not after re-registration.
    expect(nextState('re_registered', 'decline_place').ok).toBe(false);
  });

  it('refuses anything from a terminal state', () => {
    for (const state of TERMINAL_STATES) {
      for (const action of REGISTRATION_ACTIONS) {
        const result = nextState(state, action);
        expect(result).toEqual({
          ok: false,
          message: `Tindakan ini tidak dapat dilakukan pada pendaftaran berstatus «${STATE_LABELS[state].id}».`,
        });
      }
    }
    expect(nextState('not_passed', 'plenary_pass')).toEqual({
      ok: false,
      message: 'Tindakan ini tidak dapat dilakukan pada pendaftaran berstatus «Tidak lulus».',
    });
  });

  it('refuses repeating a step (a double submit)', () => {
    expect(nextState('assessed', 'complete_assessments').ok).toBe(false);
    expect(nextState('re_registered', 're_register').ok).toBe(false);
  });

  it('answers unknown values from outside TypeScript with a message, not an exception', () => {
    expect(nextState('announced' as RegistrationState, 'withdraw')).toEqual({
      ok: false,
      message: 'Status pendaftaran tidak dikenal.',
    });
    expect(nextState('registered', 'approve' as RegistrationAction).ok).toBe(false);
  });
});

describe('allowedActions', () => {
  it('lists what the table allows, in table order', () => {
    expect(allowedActions('registered')).toEqual(['complete_assessments', 'lapse_assessments', 'withdraw']);
    expect(allowedActions('interviewed')).toEqual(['plenary_pass', 'plenary_reserve', 'plenary_not_pass', 'withdraw']);
    expect(allowedActions('reserve')).toEqual(['promote_reserve', 'close_reserve', 'amend_to_passed', 'amend_to_not_passed', 'decline_place', 'withdraw']);
    expect(allowedActions('withdrawn')).toEqual([]);
  });
  it('agrees with nextState for every pair', () => {
    for (const state of REGISTRATION_STATES) {
      for (const action of REGISTRATION_ACTIONS) {
        expect(nextState(state, action).ok).toBe(allowedActions(state).includes(action));
      }
    }
  });
});

describe('labels and guards', () => {
  it('labels every state and action in both languages', () => {
    for (const state of REGISTRATION_STATES) {
      expect(STATE_LABELS[state].id).not.toBe('');
      expect(STATE_LABELS[state].en).not.toBe('');
    }
    for (const action of REGISTRATION_ACTIONS) {
      expect(ACTION_LABELS[action].id).not.toBe('');
      expect(ACTION_LABELS[action].en).not.toBe('');
    }
    expect(STATE_LABELS.handed_over.id).toBe('Diserahkan ke penyelenggara');
    expect(STATE_LABELS.forfeited.id).toBe('Gugur');
    expect(new Set(Object.values(STATE_LABELS).map((l) => l.id)).size).toBe(REGISTRATION_STATES.length);
  });
  it('recognises states and actions', () => {
    expect(isRegistrationState('reserve')).toBe(true);
    expect(isRegistrationState('announced')).toBe(false);
    expect(isRegistrationState(undefined)).toBe(false);
    expect(isRegistrationAction('forfeit')).toBe(true);
    expect(isRegistrationAction('publish')).toBe(false);
  });
});
