import { createContext, useContext } from 'react';
import { type ApiClient, api } from '../api/client.ts';

/** The API client for the tree below; a context so a page can be rendered with a fake one. */
export const ApiContext = createContext<ApiClient>(api);

export function useApi(): ApiClient {
  return useContext(ApiContext);
}
