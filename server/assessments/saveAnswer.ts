import type { UseCaseContext } from '../context'
import { saveAnswers } from './saveAnswers'

/** Saves one answer of an open attempt (the background save of one click). See saveAnswers. */
export function saveAnswer(
  ctx: UseCaseContext,
  input: { attemptId: string; position: number | string; answer: string },
): Promise<{ savedAt: Date; positions: number[] }> {
  return saveAnswers(ctx, { attemptId: input.attemptId, answers: [{ position: input.position, answer: input.answer }] })
}
