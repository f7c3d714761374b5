import QRCode from 'qrcode'

/** The otpauth:// address as an SVG QR code in a data URL (no script, allowed by the CSP's img-src). */
export async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`
}
