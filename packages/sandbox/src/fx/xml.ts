import type { Rate } from './rates.ts';

const NEW_NS_FROM = '2026-07-31';

function rateXml(r: Rate): string {
  return `<Rate currency="${r.currency}"${r.multiplier ? ` multiplier="${r.multiplier}"` : ''}>${r.value}</Rate>`;
}

/** A BNR DataSet document (single line, as served) with one Cube per day (days given newest first). */
export function bnrDocument(days: Array<{ date: string; rates: Rate[] }>, publishingDate: string): string {
  const newNs = publishingDate >= NEW_NS_FROM;
  const root = newNs
    ? '<DataSet xmlns="https://www.bnr.ro/xsd" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="https://curs.bnr.ro/xsd/nbrfxrates.xsd">'
    : '<DataSet xmlns="http://www.bnr.ro/xsd" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.bnr.ro/xsd nbrfxrates.xsd">';
  const cubes = days.map((d) => `<Cube date="${d.date}">${d.rates.map(rateXml).join('')}</Cube>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n${root}<Header><Publisher>National Bank of Romania</Publisher><PublishingDate>${publishingDate}</PublishingDate><MessageType>DR</MessageType></Header><Body><Subject>Reference rates</Subject><OrigCurrency>RON</OrigCurrency>${cubes}</Body></DataSet>\n`;
}

/** An ECB gesmes envelope with one time Cube per day (newest first), tab-indented with single quotes. */
export function ecbDocument(days: Array<{ date: string; rates: Rate[] }>): string {
  const cubes = days
    .map((d) => `\t\t<Cube time='${d.date}'>\n${d.rates.map((r) => `\t\t\t<Cube currency='${r.currency}' rate='${r.value}'/>\n`).join('')}\t\t</Cube>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n\t<gesmes:subject>Reference rates</gesmes:subject>\n\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n\t<Cube>\n${cubes}\t</Cube>\n</gesmes:Envelope>`;
}
