'use client';
import { CodeEditor } from '@/editor';
export default function Page() {
  return <CodeEditor value="$round(price, 2)" />;
}
