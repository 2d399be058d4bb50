import { LANGUAGES, MARKETS } from './constants.ts';

/** Seeded CDON category tree: [id, parentId, names by language (sv, en, da, fi, nb)]. */
const TREE: Array<[number, number | null, [string, string, string, string, string]]> = [
  [1, null, ['Elektronik', 'Electronics', 'Elektronik', 'Elektroniikka', 'Elektronikk']],
  [112, 1, ['Ljud', 'Audio', 'Lyd', 'Ääni', 'Lyd']],
  [1124, 112, ['Hörlurar', 'Headphones', 'Høretelefoner', 'Kuulokkeet', 'Hodetelefoner']],
  [1125, 112, ['Högtalare', 'Speakers', 'Højttalere', 'Kaiuttimet', 'Høyttalere']],
  [113, 1, ['Mobiltelefoner', 'Mobile phones', 'Mobiltelefoner', 'Matkapuhelimet', 'Mobiltelefoner']],
  [1131, 113, ['Mobiltillbehör', 'Phone accessories', 'Mobiltilbehør', 'Puhelintarvikkeet', 'Mobiltilbehør']],
  [2, null, ['Hem & trädgård', 'Home & garden', 'Hjem & have', 'Koti & puutarha', 'Hjem & hage']],
  [2210, 2, ['Kök', 'Kitchen', 'Køkken', 'Keittiö', 'Kjøkken']],
  [2230, 2, ['Trädgård', 'Garden', 'Have', 'Puutarha', 'Hage']],
  [3, null, ['Leksaker', 'Toys', 'Legetøj', 'Lelut', 'Leker']],
  [3310, 3, ['Byggleksaker', 'Construction toys', 'Byggelegetøj', 'Rakennuslelut', 'Byggeleker']],
  [4, null, ['Hälsa & skönhet', 'Health & beauty', 'Sundhed & skønhed', 'Terveys & kauneus', 'Helse & skjønnhet']],
  [4410, 4, ['Personvård', 'Personal care', 'Personlig pleje', 'Henkilökohtainen hygienia', 'Personlig pleie']],
  [5, null, ['Böcker', 'Books', 'Bøger', 'Kirjat', 'Bøker']],
  [5510, 5, ['Skönlitteratur', 'Fiction', 'Skønlitteratur', 'Kaunokirjallisuus', 'Skjønnlitteratur']],
  [6, null, ['Livsmedel', 'Food', 'Fødevarer', 'Elintarvikkeet', 'Mat']],
  [6610, 6, ['Kaffe & te', 'Coffee & tea', 'Kaffe & te', 'Kahvi & tee', 'Kaffe & te']],
  [6620, 6, ['Godis', 'Sweets', 'Slik', 'Makeiset', 'Godteri']],
];

const LANG_INDEX: Record<string, number> = { 'sv-SE': 0, 'en-US': 1, 'da-DK': 2, 'fi-FI': 3, 'nb-NO': 4 };

export const CATEGORY_IDS = new Set(TREE.map(([id]) => id));

function pathOf(id: number): string {
  const chain: number[] = [];
  let cur: number | null = id;
  while (cur !== null) {
    chain.unshift(cur);
    const row = TREE.find(([i]) => i === cur);
    cur = row ? row[1] : null;
  }
  return chain.join('.');
}

export interface CdonCategory {
  id: number;
  name: string;
  path: string;
  search_friendly_name: string;
}

export function categoriesFor(market: string, language: string): CdonCategory[] | null {
  if (!(MARKETS as readonly string[]).includes(market) || !(LANGUAGES as readonly string[]).includes(language)) return null;
  const li = LANG_INDEX[language] ?? 1;
  return TREE.map(([id, , names]) => ({
    id,
    name: names[li] ?? names[1],
    path: pathOf(id),
    search_friendly_name: (names[li] ?? names[1]).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-'),
  }));
}
