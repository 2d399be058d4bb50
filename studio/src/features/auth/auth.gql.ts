import { gql } from 'urql';

export const ME_QUERY = gql`
  query Me {
    csrfToken
    me {
      id
      email
      name
      role
    }
  }
`;

export const SIGN_IN = gql`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      __typename
      ... on SignInSuccess {
        csrfToken
        user {
          id
          email
          name
          role
        }
      }
      ... on Error {
        message
      }
      ... on RateLimitedError {
        retryAfterSeconds
      }
    }
  }
`;

export const SIGN_OUT = gql`
  mutation SignOut {
    signOut
  }
`;

export type Role = 'ADMIN' | 'EDITOR' | 'VIEWER';
export type Me = { id: string; email: string; name: string; role: Role };
