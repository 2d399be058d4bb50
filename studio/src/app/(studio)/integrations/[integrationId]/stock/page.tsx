import { StockBuffers } from '@/features/stock/StockBuffers';

export default async function StockPage({ params }: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  return <StockBuffers integrationId={integrationId} />;
}
