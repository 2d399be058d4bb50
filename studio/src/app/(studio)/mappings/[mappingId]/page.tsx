import { MappingWorkspace } from '@/features/mappings/MappingWorkspace';

export default async function MappingPage({ params }: { params: Promise<{ mappingId: string }> }) {
  const { mappingId } = await params;
  return <MappingWorkspace mappingId={mappingId} />;
}
