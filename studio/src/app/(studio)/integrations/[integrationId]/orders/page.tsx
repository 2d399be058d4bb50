import { OrderList } from '@/features/orders/OrderList';

export default async function OrdersPage({ params }: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  return <OrderList integrationId={integrationId} />;
}
