export const MARKETS = ['SE', 'DK', 'FI', 'NO'] as const;
export type CdonMarket = (typeof MARKETS)[number];
export const MARKET_CURRENCY: Record<CdonMarket, string> = { SE: 'SEK', DK: 'DKK', FI: 'EUR', NO: 'NOK' };
export const LANGUAGES = ['sv-SE', 'en-US', 'da-DK', 'fi-FI', 'nb-NO'] as const;
/** [ASSUMED] configurable market VAT rates (decimal fractions). The first one is the default market rate. */
export const DEFAULT_VAT_RATES: Record<CdonMarket, number[]> = { SE: [0.25, 0.12, 0.06], DK: [0.25], FI: [0.255, 0.14, 0.1], NO: [0.25, 0.15] };
export const STATUSES = ['for sale', 'paused'] as const;
export const DELIVERY_TYPES = ['mailbox', 'service_point', 'home_delivery'] as const;
export const FREE_TEXT_PROPERTIES = ['color', 'connection_type', 'flavor', 'material', 'pattern', 'phone_case_type', 'size'];
export const NUMERICAL_PROPERTIES = [
  'shoe_size_eu', 'shoe_size_uk_men', 'shoe_size_uk_women', 'shoe_size_us_men', 'shoe_size_us_women',
  'size_cm', 'size_gb', 'size_m', 'size_mm', 'size_unit', 'volume_l', 'volume_ml', 'weight_g', 'weight_kg',
];
export const PRESET_PROPERTIES: Record<string, string[]> = {
  'preset-color': ['red', 'blue', 'green', 'orange', 'yellow', 'purple', 'pink', 'gold', 'silver', 'multicolor', 'white', 'gray', 'black', 'turquoise', 'brown', 'beige', 'transparent'],
  'preset-connection_type': ['bluetooth', 'usb-c', 'micro-usb', 'lightning', '3.5mm'],
  'preset-hair_type': ['dry hair', 'normal hair', 'curly hair', 'damaged hair', 'frizzy hair', 'fine hair', 'dry scalp', 'dyed hair'],
  'preset-media_format': ['dvd', 'blu-ray', '4k ultra hd', 'cd', 'vinyl'],
  'preset-pattern': ['abstract and geometry', 'animals and animal patterns', 'nature and environment', 'plants and fruit', 'space and scifi', 'text and quotes', 'camouflage', 'glitter', 'marble and stone', 'vehicles', 'flags and symbols', 'maps', 'characters and celebrities', 'fantasy', 'retro'],
  'preset-refurb_grading': ['a+', 'a', 'b', 'c'],
  'preset-refurb_warranty': ['2', '6', '12', '24'],
  'preset-size_SML': ['one size', 'xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl'],
  'preset-skin_type': ['dry skin', 'normal skin', 'mature skin', 'oily skin', 'mixed skin', 'acne'],
};
export const CLASSIFICATIONS: Record<string, string[]> = { CONDITION: ['NEW', 'REFURB'], RESTRICTED: ['ADULT'] };
export const UPDATE_ACTIONS = ['update_article', 'update_article_price', 'update_article_quantity', 'delete_article'] as const;
export type UpdateAction = (typeof UPDATE_ACTIONS)[number];
/** [ASSUMED] the status `action` string for creations (undocumented). */
export const CREATE_ACTION = 'create_article';
export const ORDER_STATES = ['CREATED', 'ACCEPTED', 'FULFILLED', 'NOT_FULFILLED'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
