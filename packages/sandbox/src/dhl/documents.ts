import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

function ascii(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7E]/g, '?');
}

export interface LabelData {
  awb: string;
  pieceId: string;
  productCode: string;
  from: string[];
  to: string[];
  reference: string | null;
  weightKg: number;
}

/** A small valid PDF label: AWB, piece id, parties, product code and a barcode drawn as bars. */
export async function labelPdf(d: LabelData, title = 'DHL EXPRESS'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${title} ${d.awb}`);
  doc.setProducer('MyDHL sandbox');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const page = doc.addPage([288, 432]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = 410;
  const text = (t: string, size = 9, f = font): void => {
    page.drawText(ascii(t), { x: 12, y, size, font: f });
    y -= size + 4;
  };
  text(`${title}  Product ${d.productCode}`, 13, bold);
  text('From:', 8, bold);
  for (const l of d.from) text(l, 8);
  text('To:', 8, bold);
  for (const l of d.to) text(l, 10, bold);
  text(`Weight: ${d.weightKg} kg   Ref: ${d.reference ?? '-'}`, 8);
  text(`WAYBILL ${d.awb.slice(0, 2)} ${d.awb.slice(2, 6)} ${d.awb.slice(6)}`, 12, bold);
  // Barcode-like bars derived from the digits (not a scannable symbology).
  let x = 12;
  const bars = `${d.awb}${d.pieceId}`;
  for (const ch of bars) {
    const code = ch.charCodeAt(0);
    for (let b = 0; b < 4; b += 1) {
      const w = ((code >> b) & 1) + 1;
      page.drawRectangle({ x, y: y - 50, width: w, height: 50, color: b % 2 === 0 ? rgb(0, 0, 0) : rgb(1, 1, 1) });
      x += w + 0.4;
      if (x > 276) break;
    }
  }
  y -= 64;
  text(`(J)${d.pieceId}`, 9, bold);
  return doc.save({ useObjectStreams: false });
}

export function zplLabel(d: LabelData): string {
  return [
    '^XA', `^FO20,20^A0N,40,40^FDDHL EXPRESS ${d.productCode}^FS`, `^FO20,80^A0N,25,25^FD${ascii(d.to.join(', '))}^FS`,
    `^FO20,140^BY3^BCN,120,Y,N,N^FD${d.awb}^FS`, `^FO20,300^BCN,100,Y,N,N^FD${d.pieceId}^FS`, '^XZ',
  ].join('\n');
}

export function eplLabel(d: LabelData): string {
  return ['N', `A20,20,0,4,1,1,N,"DHL EXPRESS ${d.productCode}"`, `A20,70,0,3,1,1,N,"${ascii(d.to.join(', '))}"`, `B20,120,0,1,3,7,120,B,"${d.awb}"`, 'P1'].join('\n');
}
