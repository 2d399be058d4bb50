/**
 * Default order mappings over the canonical Order:
 * - salesOrder: CDON order → Charisma sales-order body (charisma-erp.md §7.5);
 * - shipment:   order → DHL MyDHL `POST /shipments` request fields (dhl.md §2.4).
 * Connection settings come in through `$vars` (warehouse, dhlAccount, shipper, …).
 */
import type { MappingVersionContent, TargetField } from '../types.ts';

const COUNTRY_CODES: Record<string, string> = {
  SE: 'SE', DK: 'DK', FI: 'FI', NO: 'NO', Sweden: 'SE', Sverige: 'SE', Denmark: 'DK', Danmark: 'DK',
  Finland: 'FI', Suomi: 'FI', Norway: 'NO', Norge: 'NO', Noreg: 'NO',
};

export const SALES_ORDER_LINES_EXPRESSION = `[lines#$i.{
  "lineNo": $i + 1,
  "externalLineRef": lineId,
  "itemCode": sku,
  "quantity": $round(quantity, 3),
  "unit": "BUC",
  "unitPrice": $add(netAmount, vatAmount) ~> $div(quantity) ~> $round(2, 'half-up'),
  "vatCode": $lookup('vatCodes', $$.market),
  "vatRate": $fractionToPercent(vatRate) ~> $round(2),
  "discount": "0.00"
}]`;

export const salesOrderContent: MappingVersionContent = {
  rules: [
    { target: 'externalRef', expression: '"CDON-" & market & "-" & channelOrderId', note: 'Unique per order; Charisma refuses duplicates' },
    { target: 'channel', expression: '"CDON"' },
    { target: 'market', expression: 'market' },
    { target: 'orderDate', expression: 'createdAt' },
    { target: 'currency', expression: 'currency' },
    { target: 'pricesIncludeVat', expression: 'true', note: 'Line unit prices are gross (net + VAT) per unit' },
    { target: 'partner.externalRef', expression: '"cdon:" & market & ":customer:" & $coalesce(customerOrderId, channelOrderId)' },
    { target: 'shippingAddress.name', expression: 'shipTo.name' },
    { target: 'shippingAddress.street', expression: '$join([shipTo.street, shipTo.street2], ", ")' },
    { target: 'shippingAddress.city', expression: 'shipTo.city' },
    { target: 'shippingAddress.postalCode', expression: 'shipTo.postalCode' },
    { target: 'shippingAddress.country', expression: "$lookup('countryCodes', shipTo.country, market)" },
    { target: 'shippingAddress.phone', expression: '$coalesce(shipTo.phone, customer.phone)' },
    { target: 'warehouse', expression: '$coalesce($vars.warehouse, "DEP01")' },
    { target: 'lines', expression: SALES_ORDER_LINES_EXPRESSION, note: 'Gross unit price = (net + VAT) ÷ quantity, 2 dp half-up' },
    { target: 'notes', expression: '"CDON order " & channelOrderId' },
  ],
  lookups: {
    vatCodes: { SE: 'OSS-SE-25', DK: 'OSS-DK-25', FI: 'OSS-FI-25.5', NO: 'VOEC-NO-25' },
    countryCodes: COUNTRY_CODES,
  },
};

export const salesOrderTargets: TargetField[] = [
  { name: 'externalRef', type: 'string', required: true },
  { name: 'channel', type: 'string', required: true },
  { name: 'market', type: 'enum', required: true, enumValues: ['SE', 'DK', 'FI', 'NO'] },
  { name: 'orderDate', type: 'string', required: true },
  { name: 'currency', type: 'enum', required: true, enumValues: ['SEK', 'DKK', 'EUR', 'NOK', 'RON'] },
  { name: 'pricesIncludeVat', type: 'boolean', required: true },
  { name: 'partner.externalRef', type: 'string', required: true },
  { name: 'shippingAddress.name', type: 'string', required: true },
  { name: 'shippingAddress.street', type: 'string', required: true },
  { name: 'shippingAddress.city', type: 'string', required: true },
  { name: 'shippingAddress.postalCode', type: 'string', required: true },
  { name: 'shippingAddress.country', type: 'string', required: true },
  { name: 'shippingAddress.phone', type: 'string' },
  { name: 'warehouse', type: 'string', required: true },
  { name: 'lines', type: 'list', required: true },
  { name: 'notes', type: 'string' },
];

const ORDER_REF = '"CDON-" & market & "-" & channelOrderId';

export const shipmentContent: MappingVersionContent = {
  rules: [
    { target: 'plannedShippingDateAndTime', expression: '$date & "T" & $coalesce($vars.pickupTime, "15:00:00") & " GMT" & $coalesce($vars.utcOffset, "+03:00")' },
    { target: 'pickup.isRequested', expression: 'false' },
    { target: 'productCode', expression: "$lookup('dhlProductCodes', market, 'P')" },
    { target: 'accounts', expression: '[{"typeCode": "shipper", "number": $string($vars.dhlAccount)}]' },
    { target: 'customerReferences', expression: `[{"value": ${ORDER_REF}, "typeCode": "CU"}]` },
    { target: 'customerDetails.shipperDetails', expression: '$vars.shipper', note: 'The seller address block from the connection settings' },
    { target: 'customerDetails.receiverDetails.postalAddress.postalCode', expression: 'shipTo.postalCode' },
    { target: 'customerDetails.receiverDetails.postalAddress.cityName', expression: 'shipTo.city' },
    { target: 'customerDetails.receiverDetails.postalAddress.countryCode', expression: "$lookup('countryCodes', shipTo.country, market)" },
    { target: 'customerDetails.receiverDetails.postalAddress.addressLine1', expression: 'shipTo.street ~> $truncateWords(45)' },
    { target: 'customerDetails.receiverDetails.postalAddress.addressLine2', expression: 'shipTo.street2 ~> $truncateWords(45)' },
    { target: 'customerDetails.receiverDetails.contactInformation.phone', expression: '$coalesce(shipTo.phone, customer.phone)' },
    { target: 'customerDetails.receiverDetails.contactInformation.companyName', expression: '$coalesce(shipTo.company, shipTo.name)' },
    { target: 'customerDetails.receiverDetails.contactInformation.fullName', expression: 'shipTo.name' },
    { target: 'customerDetails.receiverDetails.contactInformation.email', expression: '$coalesce(shipTo.email, customer.email)' },
    { target: 'customerDetails.receiverDetails.typeCode', expression: '$coalesce(shipTo.company) ? "business" : "private"' },
    { target: 'content.packages', expression: `[{"weight": $number($coalesce($vars.parcelWeightKg, "1")), "customerReferences": [{"value": ${ORDER_REF}, "typeCode": "CU"}]}]` },
    { target: 'content.isCustomsDeclarable', expression: 'market = "NO"', note: 'Norway is outside the EU customs union' },
    { target: 'content.description', expression: '$coalesce($join(lines.title, ", "), "Goods") ~> $truncateWords(70)' },
    { target: 'content.incoterm', expression: '"DAP"' },
    { target: 'content.unitOfMeasurement', expression: '"metric"' },
    { target: 'content.declaredValue', expression: 'market = "NO" ? $number($round($add(totalNet, totalVat), 2))', note: 'Only customs-declarable (NO) shipments' },
    { target: 'content.declaredValueCurrency', expression: 'market = "NO" ? currency' },
  ],
  lookups: {
    dhlProductCodes: { SE: 'P', DK: 'P', FI: 'P', NO: 'P' },
    countryCodes: COUNTRY_CODES,
  },
};

const recv = 'customerDetails.receiverDetails';
export const shipmentTargets: TargetField[] = [
  { name: 'plannedShippingDateAndTime', type: 'string', required: true, description: 'YYYY-MM-DDTHH:MM:SS GMT+HH:MM' },
  { name: 'pickup.isRequested', type: 'boolean', required: true },
  { name: 'productCode', type: 'string', required: true },
  { name: 'accounts', type: 'list', required: true },
  { name: 'customerReferences', type: 'list' },
  { name: 'customerDetails.shipperDetails', type: 'object', required: true },
  { name: `${recv}.postalAddress.postalCode`, type: 'string', required: true },
  { name: `${recv}.postalAddress.cityName`, type: 'string', required: true },
  { name: `${recv}.postalAddress.countryCode`, type: 'enum', required: true, enumValues: ['SE', 'DK', 'FI', 'NO'] },
  { name: `${recv}.postalAddress.addressLine1`, type: 'string', required: true },
  { name: `${recv}.postalAddress.addressLine2`, type: 'string' },
  { name: `${recv}.contactInformation.phone`, type: 'string', required: true },
  { name: `${recv}.contactInformation.companyName`, type: 'string', required: true },
  { name: `${recv}.contactInformation.fullName`, type: 'string', required: true },
  { name: `${recv}.contactInformation.email`, type: 'string' },
  { name: `${recv}.typeCode`, type: 'enum', enumValues: ['business', 'direct_consumer', 'government', 'other', 'private', 'reseller'] },
  { name: 'content.packages', type: 'list', required: true },
  { name: 'content.isCustomsDeclarable', type: 'boolean', required: true },
  { name: 'content.description', type: 'string', required: true },
  { name: 'content.incoterm', type: 'enum', required: true, enumValues: ['EXW', 'FCA', 'CPT', 'CIP', 'DPU', 'DAP', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] },
  { name: 'content.unitOfMeasurement', type: 'enum', required: true, enumValues: ['metric', 'imperial'] },
  { name: 'content.declaredValue', type: 'number' },
  { name: 'content.declaredValueCurrency', type: 'string' },
];
