/** 'Gelombang 1/2027': how a batch is named on the receipt, in mails and on pages. */
export function batchLabel(b: { number: number; year: number }): string {
  return `Gelombang ${b.number}/${b.year}`
}
