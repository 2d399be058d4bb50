import { ConnectionEditor } from '@/features/connections/ConnectionEditor';

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConnectionEditor id={id} />;
}
