import { MappingList } from '@/features/mappings/MappingList';

export default function MappingsPage() {
  return <MappingList />;
}
