// The domain layer's public surface: pure rules, no I/O.
export * from './calendar';
export * from './zonedTime';
export * from './nik';
export * from './eligibility';
export * from './registrationStates';
export * from './registrationNumber';
export * from './phone';
export * from './password';
export * from './retake';
export * from './profileCompleteness';
export * from './batchDates';
