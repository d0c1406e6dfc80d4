/** The one place the app talks to Kindly's server. Views never call fetch themselves. */

/** What the server answered: the HTTP status and its JSON body (null when it sent none or
 *  something that is not our JSON, such as a captive portal's login page). */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T | null;
}

/** An error the server reported in its `{"error": {...}}` shape. */
export interface ApiError {
  error: { code: string; message: string; field?: string | null };
}

async function call<T>(path: string, init: RequestInit = {}): Promise<ApiAnswer<T>> {
  const response = await fetch(path, {
    ...init,
    headers: { Accept: 'application/json', ...init.headers },
  });
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  let body: T | null = null;
  if (isJson) {
    try {
      body = (await response.json()) as T;
    } catch {
      body = null;
    }
  }
  return { status: response.status, body };
}

/** The lender's loan catalog. */
export function fetchProducts(): Promise<ApiAnswer> {
  return call('/api/products');
}

/** Sends an application once: the same Idempotency-Key makes a retry safe. */
export function postApplication(
  body: unknown,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<ApiAnswer> {
  return call('/api/applications', {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(body),
  });
}

/** An application's status, with the access token the server gave when it was sent. */
export function fetchApplication(id: string, token: string): Promise<ApiAnswer> {
  return call(`/api/applications/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Withdraws an application within the cooling-off period. */
export function withdrawApplication(id: string, token: string): Promise<ApiAnswer> {
  return call(`/api/applications/${encodeURIComponent(id)}/withdraw`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
}
