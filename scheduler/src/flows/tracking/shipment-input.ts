/** A courier shipment request from an order (receiver = ship-to, one parcel for the whole order). */
import Decimal from 'decimal.js';
import { RecordError } from '@megzo/domain';
import type { ShipmentInput } from '@megzo/connectors/contract/kinds';
import type { PersonalData } from '../orders/record.ts';

export interface OrderForShipment {
  channelOrderId: string;
  market: string;
  currency: string;
  totalGross: string;
  personalData: unknown;
  lines: Array<{ sku: string; title: string | null; quantity: number; netAmount: string; vatAmount: string }>;
  products: Map<string, { weightKg?: string; hsCode?: string; origin?: string }>;
}

export function shipmentInputFor(o: OrderForShipment, now: Date): ShipmentInput | RecordError {
  const p = o.personalData as PersonalData | null;
  if (!p) return new RecordError({ message: `Order ${o.channelOrderId} has no address left (personal data erased)`, code: 'PERSONAL_DATA_ERASED', recordKey: o.channelOrderId });
  const phone = p.shipTo.phone ?? p.customer.phone;
  if (!phone) return new RecordError({ message: `Order ${o.channelOrderId} has no phone number for the courier`, code: 'NO_PHONE', path: 'shipTo.phone', recordKey: o.channelOrderId });
  const weight = o.lines.reduce((sum, l) => sum.plus(new Decimal(o.products.get(l.sku)?.weightKg ?? '0.5').times(l.quantity)), new Decimal(0));
  const planned = new Date(now.getTime() + 60 * 60_000);
  return {
    reference: o.channelOrderId.slice(0, 35),
    plannedShipAt: planned.toISOString(),
    receiver: {
      name: p.shipTo.name,
      street: p.shipTo.street,
      street2: p.shipTo.street2,
      postalCode: p.shipTo.postalCode,
      city: p.shipTo.city,
      country: o.market,
      phone,
      email: p.shipTo.email ?? p.customer.email,
      business: false,
    },
    packages: [{ weightKg: Math.max(0.1, weight.toDecimalPlaces(3).toNumber()) }],
    description: (o.lines.map((l) => l.title ?? l.sku).join(', ') || 'Goods').slice(0, 70),
    declaredValue: Number(o.totalGross),
    declaredValueCurrency: o.currency,
    customsLines:
      o.market === 'NO'
        ? o.lines.map((l) => ({
            description: (l.title ?? l.sku).slice(0, 70),
            quantity: l.quantity,
            price: new Decimal(l.netAmount).plus(l.vatAmount).dividedBy(l.quantity).toDecimalPlaces(2).toNumber(),
            hsCode: o.products.get(l.sku)?.hsCode,
            originCountry: o.products.get(l.sku)?.origin,
            weightKg: Math.max(0.1, Number(o.products.get(l.sku)?.weightKg ?? '0.5')),
          }))
        : undefined,
    incoterm: 'DAP',
  };
}
