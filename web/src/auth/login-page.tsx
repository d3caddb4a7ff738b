import { useId, useState, type FormEvent } from 'react';
import { messageOf } from '../api/api-error.js';
import { useSession } from './session-context.js';

export function LoginPage({ notice }: { notice: string | null }) {
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (err) {
      // The API's message is written for people (wrong credentials, throttled...).
      setError(messageOf(err));
      setSubmitting(false);
    }
  }

  return (
    <main className="login-screen">
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? errorId : undefined}>
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">SB</span> Switchboard
        </div>
        <h1>Log in</h1>
        {notice && !error && <p className="notice">{notice}</p>}
        <label className="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus required />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <p className="form-error" role="alert" id={errorId}>{error}</p>}
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
