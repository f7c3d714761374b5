import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import pdfmake from 'pdfmake'

// pdfmake's Node build keeps fonts and access policies on one shared instance: configure
// it here, once, and let every PDF (receipt, minutes, lists, recap) import it from here,
// so none depends on which module happened to load first. The bundled Roboto has the '•'
// the masked NIK and names use.
const require = createRequire(import.meta.url)
const robotoDir = dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'))
pdfmake.setFonts({
  Roboto: {
    normal: `${robotoDir}/Roboto-Regular.ttf`,
    bold: `${robotoDir}/Roboto-Medium.ttf`,
    italics: `${robotoDir}/Roboto-Italic.ttf`,
    bolditalics: `${robotoDir}/Roboto-MediumItalic.ttf`,
  },
})
// Our PDFs read nothing from the network and no file but the fonts (QR codes and charts
// are inline SVG), so a stray path or URL in the data can never pull anything in.
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => dirname(path) === robotoDir)

export { pdfmake }

/** The muted text colour every document uses. */
export const GREY = '#4a5360'
