import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { COMPANY } from './contract.ts';
import type { Invoice } from './state.ts';

/** The standard PDF fonts only cover WinAnsi; map Romanian letters outside it to base letters. */
function winAnsi(text: string): string {
  return text
    .replace(/[șş]/g, 's').replace(/[ȘŞ]/g, 'S').replace(/[țţ]/g, 't').replace(/[ȚŢ]/g, 'T')
    .replace(/ă/g, 'a').replace(/Ă/g, 'A')
    .replace(/[^\x20-\x7E\u00A0-\u00FF]/g, '?');
}

/** Render a small, valid invoice PDF carrying series, number, parties, lines and totals. */
export async function renderInvoicePdf(inv: Invoice): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const kind = inv.type === 'credit_note' ? 'FACTURA STORNO' : 'FACTURA';
  doc.setTitle(`${kind} ${inv.series} ${inv.number}`);
  doc.setAuthor(COMPANY.name);
  doc.setProducer('Charisma ERP sandbox');
  doc.setCreationDate(new Date(`${inv.issueDate}T12:00:00Z`));
  doc.setModificationDate(new Date(`${inv.issueDate}T12:00:00Z`));
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = 800;
  const line = (text: string, size = 10, f = font): void => {
    page.drawText(winAnsi(text), { x: 50, y, size, font: f, color: rgb(0, 0, 0) });
    y -= size + 6;
  };
  line(`${kind} ${inv.series} ${inv.number}`, 18, bold);
  line(`Data emiterii: ${inv.issueDate}`);
  line(`Furnizor: ${COMPANY.name}  CIF ${COMPANY.cif}  ${COMPANY.tradeRegisterNo}`);
  line(`Client: ${inv.buyer.name} (${inv.buyer.country})`);
  line(`Comanda: ${inv.salesOrderId}  Ref. externa: ${inv.externalRef}`);
  if (inv.originalInvoice) line(`Storno la factura ${inv.originalInvoice.series} ${inv.originalInvoice.number} din ${inv.originalInvoice.issueDate}`);
  y -= 10;
  line('Nr  Cod            Descriere                               Cant.    Net      TVA     Total', 9, bold);
  for (const l of inv.lines) {
    const desc = String(l.description ?? '').slice(0, 38).padEnd(38);
    line(`${String(l.lineNo).padEnd(3)} ${String(l.itemCode).padEnd(14)} ${desc} ${String(l.quantity).padStart(8)} ${String(l.net).padStart(9)} ${String(l.vat).padStart(8)} ${String(l.gross).padStart(9)}`, 9);
    if (y < 120) break;
  }
  y -= 10;
  line(`Total net: ${inv.totals.net} ${inv.currency}   TVA: ${inv.totals.vat} ${inv.currency}   Total: ${inv.totals.gross} ${inv.currency}`, 11, bold);
  if (inv.currency !== 'RON') line(`Echivalent RON: net ${inv.totalsRon.net}, TVA ${inv.totalsRon.vat}, total ${inv.totalsRon.gross}`);
  return doc.save({ useObjectStreams: false });
}
