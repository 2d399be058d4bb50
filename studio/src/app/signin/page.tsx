import { Suspense } from 'react';
import { SignInForm } from '@/features/auth/SignInForm';

export const metadata = { title: 'Sign in · MEGZO IV' };

export default function SignInPage() {
  return (
    <main className="signin-wrap">
      <Suspense>
        <SignInForm />
      </Suspense>
    </main>
  );
}
