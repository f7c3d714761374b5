// The query /masuk is opened with when a session ended for inactivity (docs/decisions/019):
// set by app/lib/session.server.ts, read by app/ui/SessionEndedNotice.tsx.
export const IDLE_SIGN_IN_PARAM = 'sesi'
export const IDLE_SIGN_IN_VALUE = 'berakhir'
