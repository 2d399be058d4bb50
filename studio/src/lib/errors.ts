import type { CombinedError } from 'urql';

/** Turn a GraphQL/network failure into one sentence a non-developer can act on. */
export function plainError(error: CombinedError | Error | null | undefined): string | null {
  if (!error) return null;
  if ('networkError' in error && error.networkError) {
    return 'The studio cannot reach the MEGZO IV server. Check that it is running, then try again.';
  }
  if ('graphQLErrors' in error && error.graphQLErrors.length > 0) {
    const first = error.graphQLErrors[0]!;
    const code = first.extensions?.code;
    if (code === 'UNAUTHENTICATED') return 'Your session has ended. Please sign in again.';
    if (code === 'FORBIDDEN') return 'Your role does not allow this. Ask an administrator.';
    if (first.message === 'Unexpected error.') return 'Something went wrong on the server. The team has the details in the logs.';
    return first.message;
  }
  return error.message.replace(/^\[(GraphQL|Network)\]\s*/, '');
}

export function isUnauthenticated(error: CombinedError | null | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED' || /not signed in|unauthenticated/i.test(e.message));
}
