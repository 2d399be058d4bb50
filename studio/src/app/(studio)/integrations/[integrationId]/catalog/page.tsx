import { Catalog } from '@/features/catalog/Catalog';

export default async function CatalogPage({ params }: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await params;
  return <Catalog integrationId={integrationId} />;
}
