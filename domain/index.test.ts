import { describe, it, expect } from 'vitest';
import * as domain from './index';

describe('domain/index', () => {
  it('re-exports the public surface of every module', () => {
    for (const name of [
      'parseNik', 'maskNik', 'compareNikWithProfile', 'PROVINCE_CODES',
      'EDUCATION_LEVELS', 'educationRank', 'ageOn', 'checkEligibility',
      'REGISTRATION_STATES', 'REGISTRATION_ACTIONS', 'TRANSITIONS', 'nextState', 'TERMINAL_STATES',
      'isActiveState', 'allowedActions', 'STATE_LABELS',
      'formatRegistrationNumber', 'parseRegistrationNumber',
      'normalizeMobileNumber', 'formatMobileNumber',
      'checkPassword',
      'nextAttemptAllowedAt', 'RETAKE_MONTHS', 'isRetakeAllowed',
      'profileCompleteness',
      'BATCH_DATE_FIELDS', 'BATCH_DATE_LABELS', 'checkBatchDates', 'batchPhase',
      'formatDateId', 'fromZonedDateTime', 'toZonedDateTime',
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
  });
});
