import { useRef, useState } from 'react';
import { HostSelect } from './HostSelect';
import { ErrorLine, Working } from '../app/Progress';
import type { CopyIdView, GeneratedKeyView } from '../../src-shared/contract';
import { RequestError, value, warren } from '../api/warren';
import { useStore } from '../store/store';
import { BrowseButton } from '../ui/BrowseButton';

type KeyType = 'ed25519' | 'ecdsa' | 'rsa';
const defaultFile: Record<KeyType, string> = { ed25519: '~/.ssh/id_ed25519', ecdsa: '~/.ssh/id_ecdsa', rsa: '~/.ssh/id_rsa' };

/** Generate a key pair, and copy a public key to a saved host (ssh-copy-id). */
export function KeysDialog() {
  const showDialog = useStore((s) => s.showDialog);
  const hosts = useStore((s) => s.tree.hosts);
  const [type, setType] = useState<KeyType>('ed25519');
  const [bits, setBits] = useState('3072');
  const [file, setFile] = useState(defaultFile.ed25519);
  const [comment, setComment] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [generated, setGenerated] = useState<GeneratedKeyView | null>(null);
  const [exists, setExists] = useState(false);
  const [hostId, setHostId] = useState(hosts[0]?.id ?? '');
  const [pubPath, setPubPath] = useState(`${defaultFile.ed25519}.pub`);
  const pubField = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<CopyIdView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const changeType = (t: KeyType) => {
    if (file === defaultFile[type]) setFile(defaultFile[t]);
    setBits(t === 'rsa' ? '3072' : '256');
    setType(t);
  };
  const generate = async (overwrite = false) => {
    if (passphrase !== again) return setError('The two passphrases differ.');
    setBusy(type === 'rsa' ? 'Generating (RSA takes a few seconds)…' : 'Generating…');
    setError(null);
    setExists(false);
    try {
      const key = await value(
        warren().keys.generate({ file, type, ...(type !== 'ed25519' ? { bits: Number(bits) } : {}), ...(comment ? { comment } : {}), ...(passphrase ? { passphrase } : {}), ...(overwrite ? { overwrite } : {}) }),
      );
      setGenerated(key);
      setPubPath(key.publicKeyPath);
      setPassphrase('');
      setAgain('');
    } catch (e) {
      if (e instanceof RequestError && e.code === 'exists') setExists(true);
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const copy = async () => {
    setBusy('Copying the key and trying a login with it…');
    setError(null);
    setCopied(null);
    try {
      setCopied(await value(warren().keys.copyToHost({ hostId, publicKeyPath: pubPath })));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="dialog keys-dialog" aria-label="SSH keys">
      <h2>SSH keys</h2>
      <section aria-label="Generate a key pair">
        <h3>Generate a key pair</h3>
        <div className="row">
          <label>
            Type
            <select value={type} onChange={(e) => changeType(e.target.value as KeyType)}>
              <option value="ed25519">Ed25519 (recommended)</option>
              <option value="ecdsa">ECDSA</option>
              <option value="rsa">RSA</option>
            </select>
          </label>
          {type !== 'ed25519' && (
            <label>
              Bits
              <select value={bits} onChange={(e) => setBits(e.target.value)}>
                {(type === 'rsa' ? ['3072', '4096'] : ['256', '384', '521']).map((b) => (
                  <option key={b}>{b}</option>
                ))}
              </select>
            </label>
          )}
        </div>
        <label>
          Save as
          <input value={file} onChange={(e) => setFile(e.target.value)} />
        </label>
        <label>
          Comment
          <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder="you@this-computer" />
        </label>
        <div className="row">
          <label className="grow">
            Passphrase (optional)
            <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
          </label>
          <label className="grow">
            Again
            <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
          </label>
        </div>
        <button onClick={() => void generate()} disabled={Boolean(busy) || !file}>
          Generate
        </button>
        {exists && (
          <button className="danger" onClick={() => void generate(true)}>
            Overwrite {file}
          </button>
        )}
        {generated && (
          <div className="key-result" role="status" aria-label="Generated key">
            <p>
              Saved {generated.privateKeyPath} (and .pub): {generated.keyType} {generated.bits} bits, {generated.fingerprint}
            </p>
            <code className="public-key">{generated.publicKey}</code>
            <button onClick={() => void navigator.clipboard?.writeText(generated.publicKey)}>Copy public key</button>
          </div>
        )}
      </section>
      <section aria-label="Copy a public key to a host">
        <h3>Copy a public key to a host</h3>
        <div className="row">
          <label className="grow">
            Host
            <HostSelect hosts={hosts} value={hostId} onChange={setHostId} />
          </label>
          <label className="grow">
            Public key
            <input ref={pubField} value={pubPath} onChange={(e) => setPubPath(e.target.value)} />
          </label>
          <BrowseButton purpose="key-file" label="Choose a .pub file" field={pubField} onPick={setPubPath} />
        </div>
        <button onClick={() => void copy()} disabled={Boolean(busy) || !hostId || !pubPath}>
          Copy to host
        </button>
        {copied && (
          <div className={copied.verified ? 'key-result ok' : 'key-result form-error'} role="status" aria-label="Copy result">
            {copied.message}
            {copied.warnings.map((w, i) => (
              <div key={i} className="import-note">
                ⚠ {w}
              </div>
            ))}
          </div>
        )}
      </section>
      <Working text={busy} />
      <ErrorLine error={error} />
      <div className="dialog-buttons">
        <button className="primary" onClick={() => showDialog(null)}>
          Close
        </button>
      </div>
    </div>
  );
}
