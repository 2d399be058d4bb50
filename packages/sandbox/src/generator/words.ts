/**
 * Romanian catalog vocabulary. Diacritics use the correct comma-below forms
 * (ș U+0219, ț U+021B), never the cedilla look-alikes (ş U+015F, ţ U+0163).
 */
export interface CategoryDef {
  code: string;
  name: string;
  path: string;
  /** VAT code used by items in this category (S21 standard, R11 reduced). */
  vatCode: 'S21' | 'R11';
  /** Matching leaf id in the CDON simulator's category tree. */
  cdonCategoryId: number;
  nouns: readonly string[];
  priceRange: readonly [number, number];
  weightRange: readonly [number, number];
  hsCode: string;
}

export const CATEGORIES: readonly CategoryDef[] = [
  { code: 'ELE-CAS', name: 'Căști', path: 'Electronice > Audio > Căști', vatCode: 'S21', cdonCategoryId: 1124,
    nouns: ['Căști wireless', 'Căști cu fir', 'Căști gaming', 'Căști sport'], priceRange: [49, 899], weightRange: [0.1, 0.6], hsCode: '85183000' },
  { code: 'ELE-BOX', name: 'Boxe portabile', path: 'Electronice > Audio > Boxe', vatCode: 'S21', cdonCategoryId: 1125,
    nouns: ['Boxă portabilă', 'Boxă Bluetooth', 'Soundbar'], priceRange: [79, 1499], weightRange: [0.3, 3.5], hsCode: '85182200' },
  { code: 'ELE-ACC', name: 'Accesorii telefoane', path: 'Electronice > Telefoane > Accesorii', vatCode: 'S21', cdonCategoryId: 1131,
    nouns: ['Husă de protecție', 'Încărcător rapid', 'Cablu de încărcare', 'Folie de sticlă'], priceRange: [19, 249], weightRange: [0.02, 0.3], hsCode: '85044095' },
  { code: 'CAS-BUC', name: 'Ustensile bucătărie', path: 'Casă și grădină > Bucătărie', vatCode: 'S21', cdonCategoryId: 2210,
    nouns: ['Tigaie', 'Oală sub presiune', 'Set cuțite', 'Tocător', 'Răzătoare'], priceRange: [29, 699], weightRange: [0.2, 4.5], hsCode: '73239300' },
  { code: 'CAS-GRA', name: 'Grădină', path: 'Casă și grădină > Grădină', vatCode: 'S21', cdonCategoryId: 2230,
    nouns: ['Furtun de grădină', 'Foarfecă de grădină', 'Lampă solară', 'Ghiveci'], priceRange: [15, 499], weightRange: [0.1, 6], hsCode: '82016000' },
  { code: 'JUC-CON', name: 'Jucării de construcție', path: 'Jucării > Construcție', vatCode: 'S21', cdonCategoryId: 3310,
    nouns: ['Set de construcție', 'Puzzle 3D', 'Cuburi magnetice'], priceRange: [39, 599], weightRange: [0.2, 2.5], hsCode: '95030035' },
  { code: 'ING-PER', name: 'Îngrijire personală', path: 'Sănătate și frumusețe > Îngrijire', vatCode: 'S21', cdonCategoryId: 4410,
    nouns: ['Periuță de dinți electrică', 'Uscător de păr', 'Aparat de tuns', 'Ondulator'], priceRange: [59, 799], weightRange: [0.2, 1.2], hsCode: '85102000' },
  { code: 'CAR-LIT', name: 'Cărți', path: 'Cărți > Literatură', vatCode: 'R11', cdonCategoryId: 5510,
    nouns: ['Roman', 'Culegere de povestiri', 'Album ilustrat', 'Ghid de călătorie'], priceRange: [25, 189], weightRange: [0.2, 1.5], hsCode: '49019900' },
  { code: 'ALI-CAF', name: 'Cafea și ceai', path: 'Alimente > Cafea și ceai', vatCode: 'R11', cdonCategoryId: 6610,
    nouns: ['Cafea boabe', 'Ceai de munte', 'Cafea măcinată', 'Ceai de tei'], priceRange: [12, 149], weightRange: [0.1, 1.1], hsCode: '09012100' },
  { code: 'ALI-DUL', name: 'Dulciuri', path: 'Alimente > Dulciuri', vatCode: 'R11', cdonCategoryId: 6620,
    nouns: ['Ciocolată amăruie', 'Halva cu fistic', 'Turtă dulce', 'Dulceață de afine'], priceRange: [8, 79], weightRange: [0.1, 0.8], hsCode: '18069050' },
];

export const BRANDS = ['Ardeal', 'Carpați', 'Dunărea', 'Bucovina', 'Maramureș', 'Oltenița', 'Țara Moților', 'Făgăraș', 'Ceahlău', 'Ișalnița'] as const;

export const ADJECTIVES = ['negru', 'alb', 'roșu', 'verde', 'argintiu', 'compact', 'premium', 'ecologic', 'rezistent', 'ușor', 'pliabil', 'clasic', 'modern', 'tradițional'] as const;

export const FEATURES = [
  'rezistență la apă', 'autonomie îndelungată', 'garanție 24 de luni', 'fabricat în România',
  'ambalaj reciclabil', 'design ergonomic', 'livrare rapidă', 'materiale certificate', 'întreținere ușoară',
] as const;
