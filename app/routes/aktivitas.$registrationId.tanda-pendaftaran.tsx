import type { Route } from './+types/aktivitas.$registrationId.tanda-pendaftaran'
import { renderReceiptPdf } from '../../server/documents/receiptPdf'
import { getReceipt } from '../../server/registrations/getReceipt'
import { candidateContext, loaderFailure } from '../lib/context.server'

// The registration receipt as a PDF download, for the candidate or the kiosk officer
// assisting them (docs/decisions/022); other staff are sent to their home.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await candidateContext(request)
  const receipt = await getReceipt(ctx, { registrationId: params.registrationId }).catch(loaderFailure)
  // Rendered after the reads, outside any transaction (PGlite serialises all queries).
  const pdf = await renderReceiptPdf(receipt)
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="tanda-pendaftaran-${receipt.number}.pdf"`,
      'Content-Length': String(pdf.length),
      // Personal data: never kept by a shared proxy or the kiosk browser's cache.
      'Cache-Control': 'private, no-store',
    },
  })
}
