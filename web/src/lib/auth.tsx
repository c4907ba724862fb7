'use client';

/**
 * Who is signed in, for every page: starts from the refresh token a reload left behind, and
 * follows the session module (a refused refresh signs the user out everywhere).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { publicApi, unwrap } from '@/api/client';
import { ApiError, isProblemBody } from '@/api/problem';
import {
  endSession,
  hasSession,
  onSessionChange,
  startSession,
  storedRefreshToken,
  validAccessToken,
} from '@/api/session';
import type { RegisterBody } from '@/api/types';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

interface AuthValue {
  status: AuthStatus;
  login(email: string, password: string): Promise<void>;
  /** 'confirm' when the account needs the emailed code first (the API answered 202). */
  register(body: RegisterBody): Promise<'signed-in' | 'confirm'>;
  confirm(email: string, code: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthValue | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  // Starts as 'loading' on the server and the client alike, so hydration always matches.
  const [status, setStatus] = useState<AuthStatus>('loading');

  useEffect(() => {
    const unsubscribe = onSessionChange(() => {
      setStatus(hasSession() ? 'signed-in' : 'signed-out');
    });
    if (!hasSession()) {
      setStatus('signed-out');
    } else {
      validAccessToken().then(
        (token) => setStatus(token ? 'signed-in' : 'signed-out'),
        // The API is unreachable: stay signed in; pages show the error and can retry.
        () => setStatus('signed-in'),
      );
    }
    return unsubscribe;
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    startSession(await unwrap(publicApi.POST('/auth/login', { body: { email, password } })));
  }, []);

  const register = useCallback(async (body: RegisterBody) => {
    const { data, error, response } = await publicApi.POST('/auth/register', { body });
    if (response.status === 202) return 'confirm' as const;
    if (!response.ok || !data || !('accessToken' in data)) {
      throw new ApiError(response.status, isProblemBody(error) ? error : {});
    }
    startSession(data);
    return 'signed-in' as const;
  }, []);

  const confirm = useCallback(async (email: string, code: string) => {
    await unwrap(publicApi.POST('/auth/confirm', { body: { email, code } }));
  }, []);

  const logout = useCallback(async () => {
    const refreshToken = storedRefreshToken();
    try {
      if (refreshToken) await unwrap(publicApi.POST('/auth/logout', { body: { refreshToken } }));
    } finally {
      endSession();
    }
  }, []);

  return (
    <AuthContext.Provider value={{ status, login, register, confirm, logout }}>
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
