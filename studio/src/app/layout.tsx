import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { GraphQLProvider } from '@/graphql/providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'MEGZO IV studio',
  description: 'Watch your syncs and edit your field mappings.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <GraphQLProvider>{children}</GraphQLProvider>
      </body>
    </html>
  );
}
