import { useState, type FormEvent } from 'react';
import { FormButtons } from '../app/FormButtons';
import type { PromptAskEvent, PromptQuestion } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { answerPrompt } from './prompt-actions';

/** The oldest open question from main, as a modal dialog. */
export function PromptDialog() {
  const prompt = useStore((s) => s.prompts[0]);
  const tabTitle = useStore((s) => (prompt ? s.tabs.find((t) => t.sessionId === prompt.sessionId)?.title : undefined));
  if (!prompt) return null;
  return (
    <div className="dialog-backdrop" role="presentation">
      <div role="dialog" aria-modal="true" aria-label={titleOf(prompt.question)}>
        <PromptBody key={prompt.promptId} prompt={prompt} tabTitle={tabTitle} />
      </div>
    </div>
  );
}

function titleOf(q: PromptQuestion): string {
  switch (q.kind) {
    case 'host-key':
      return 'Unknown host key';
    case 'passphrase':
      return 'Key passphrase';
    case 'password':
      return 'Password';
    case 'kbd-interactive':
      return 'Server question';
    case 'conflict':
      return 'File exists';
  }
}

function PromptBody({ prompt, tabTitle }: { prompt: PromptAskEvent; tabTitle: string | undefined }) {
  const q = prompt.question;
  const cancel = () => answerPrompt(prompt.promptId, null);
  const context = tabTitle ? <p className="prompt-context">For {tabTitle}</p> : null;
  switch (q.kind) {
    case 'host-key':
      return (
        <div className="dialog prompt host-key-prompt" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
          <h2>Warren has not seen this host before</h2>
          {context}
          <p>
            Check that this fingerprint is the one the server’s administrator gave you before trusting it. Nothing has been sent to the server yet.
          </p>
          {q.certAuthority && (
            <p className="prompt-note" role="note">
              {q.certAuthority}
            </p>
          )}
          <dl className="fingerprint">
            <dt>Host</dt>
            <dd>{q.port === 22 ? q.host : `${q.host}:${q.port}`}</dd>
            <dt>Key type</dt>
            <dd>{q.keyType}</dd>
            <dt>Fingerprint</dt>
            <dd className="mono" aria-label="Fingerprint">
              {q.fingerprint}
            </dd>
          </dl>
          <div className="dialog-buttons">
            <button onClick={cancel} autoFocus>
              Cancel
            </button>
            <button onClick={() => answerPrompt(prompt.promptId, { kind: 'host-key', decision: 'accept-once' })}>Accept once</button>
            <button className="primary" onClick={() => answerPrompt(prompt.promptId, { kind: 'host-key', decision: 'accept-save' })}>
              Accept and save
            </button>
          </div>
        </div>
      );
    case 'passphrase':
      return (
        <SecretForm
          title="Key passphrase"
          context={context}
          text={`Enter the passphrase for ${q.keyPath}.`}
          error={q.retry ? 'That passphrase did not open the key. Try again.' : null}
          label="Passphrase"
          canRemember={q.canRemember}
          onCancel={cancel}
          onSubmit={(secret, remember) => answerPrompt(prompt.promptId, { kind: 'passphrase', passphrase: secret, remember })}
        />
      );
    case 'password':
      return (
        <SecretForm
          title="Password"
          context={context}
          text={`Password for ${q.username}@${q.host}${q.port === 22 ? '' : `:${q.port}`}.`}
          error={q.retry ? 'The server did not accept the password. Try again.' : null}
          label="Password"
          canRemember={q.canRemember}
          onCancel={cancel}
          onSubmit={(secret, remember) => answerPrompt(prompt.promptId, { kind: 'password', password: secret, remember })}
        />
      );
    case 'kbd-interactive':
      return <InteractiveForm prompt={prompt} question={q} context={context} onCancel={cancel} />;
    case 'conflict':
      return <ConflictForm prompt={prompt} question={q} onCancel={cancel} />;
  }
}

const size = (n: number) => (n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);

function ConflictForm(props: { prompt: PromptAskEvent; question: Extract<PromptQuestion, { kind: 'conflict' }>; onCancel(): void }) {
  const q = props.question;
  const [applyToAll, setApplyToAll] = useState(false);
  const decide = (decision: 'overwrite' | 'skip' | 'rename' | 'resume') => answerPrompt(props.prompt.promptId, { kind: 'conflict', decision, applyToAll });
  return (
    <div className="dialog prompt" onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <h2>File exists</h2>
      <p className="mono">{q.target}</p>
      <p>
        There: {size(q.targetSize)}, changed {new Date(q.targetMtimeMs).toLocaleString()}. Transferring: {size(q.sourceSize)}.
      </p>
      <label className="inline">
        <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} /> Apply to all
      </label>
      <div className="dialog-buttons">
        <button onClick={props.onCancel}>Cancel transfer</button>
        {/* The focus starts on the choice that changes nothing, so Enter never overwrites. */}
        <button onClick={() => decide('skip')} autoFocus>
          Skip
        </button>
        <button onClick={() => decide('rename')}>Keep both</button>
        {q.canResume && <button onClick={() => decide('resume')}>Resume</button>}
        <button className="danger" onClick={() => decide('overwrite')}>
          Overwrite
        </button>
      </div>
    </div>
  );
}

function SecretForm(props: {
  title: string;
  context: React.ReactNode;
  text: string;
  error: string | null;
  label: string;
  canRemember: boolean;
  onCancel(): void;
  onSubmit(secret: string, remember: boolean): void;
}) {
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit(secret, remember);
  };
  return (
    <form className="dialog prompt" aria-label={props.title} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <h2>{props.title}</h2>
      {props.context}
      <p>{props.text}</p>
      {props.error && (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      )}
      <label>
        {props.label}
        <input type="password" autoFocus value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" />
      </label>
      {props.canRemember ? (
        <label className="inline">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember (stored encrypted by your system keychain)
        </label>
      ) : (
        <p className="muted">This machine has no keychain, so Warren cannot remember it.</p>
      )}
      <FormButtons onCancel={props.onCancel} />
    </form>
  );
}

function InteractiveForm(props: { prompt: PromptAskEvent; question: Extract<PromptQuestion, { kind: 'kbd-interactive' }>; context: React.ReactNode; onCancel(): void }) {
  const q = props.question;
  const [answers, setAnswers] = useState<string[]>(q.prompts.map(() => ''));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    answerPrompt(props.prompt.promptId, { kind: 'kbd-interactive', answers });
  };
  return (
    <form className="dialog prompt" aria-label="Server question" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <h2>{q.name || `${q.host} asks`}</h2>
      {props.context}
      {q.instructions && <p className="instructions">{q.instructions}</p>}
      {q.prompts.map((p, i) => (
        <label key={i}>
          {p.prompt}
          <input
            type={p.echo ? 'text' : 'password'}
            autoFocus={i === 0}
            autoComplete="off"
            value={answers[i]}
            onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))}
          />
        </label>
      ))}
      <FormButtons onCancel={props.onCancel} />
    </form>
  );
}
