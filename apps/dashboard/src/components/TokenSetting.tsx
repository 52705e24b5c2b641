/**
 * The "API token" setting in the top bar: shows whether a token is set and opens a small panel to
 * enter, replace or forget it. The token is stored in this browser only (api/token.ts).
 */
import { useCallback, useState, type FormEvent } from 'react';
import { setApiToken, useApiToken, useOpenTokenSettingRequests } from '../api/token';

export function TokenSetting() {
  const token = useApiToken();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const show = useCallback(() => {
    setDraft('');
    setOpen(true);
  }, []);
  useOpenTokenSettingRequests(show);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setApiToken(draft);
    setOpen(false);
  };
  const forget = () => {
    setApiToken('');
    setOpen(false);
  };

  return (
    <div className="token-setting">
      <button
        type="button"
        className="token-button"
        aria-expanded={open}
        data-testid="token-button"
        onClick={() => (open ? setOpen(false) : show())}
      >
        API token: {token ? `…${token.slice(-4)}` : 'not set'}
      </button>
      {open && (
        <form className="token-panel" onSubmit={save} data-testid="token-panel">
          <label>
            <span className="field-label">API token</span>
            <input
              name="apiToken"
              type="password"
              autoComplete="off"
              autoFocus
              placeholder={token ? 'enter a new token to replace it' : 'rsw_…'}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          <p className="muted small">
            Sent as <code>Authorization: Bearer …</code> with every request; kept in this browser only. Create one with{' '}
            <code>regsweep tokens create</code>.
          </p>
          <div className="row-actions">
            <button type="submit" className="primary" disabled={!draft.trim()}>
              Save token
            </button>
            {token && (
              <button type="button" onClick={forget}>
                Forget token
              </button>
            )}
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
