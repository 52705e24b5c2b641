/** A failed request, in words. A 401 also says where to set the API token, with a button that opens the setting. */
import { ApiError } from '../api/client';
import { getApiToken, openTokenSetting } from '../api/token';

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.needsToken) {
    const advice = getApiToken()
      ? 'The API token set in this browser was refused: enter a valid one'
      : 'This server needs an API token: enter one';
    return (
      <div className="error auth-error" role="alert" data-testid="auth-error">
        <p>
          {advice} under <strong>API token</strong> at the top right (create one with{' '}
          <code>regsweep tokens create</code>
          ), then try again.
        </p>
        <p className="small">Server: {text}</p>
        <button type="button" onClick={openTokenSetting}>
          Set API token
        </button>
      </div>
    );
  }
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
