import { VersionView } from '@/features/mappings/VersionView';

export default async function VersionPage({ params }: { params: Promise<{ mappingId: string; version: string }> }) {
  const { mappingId, version } = await params;
  return <VersionView mappingId={mappingId} number={Number(version)} />;
}
