/**
 * Anchors for the audit chains (pure, node:crypto). A hash chain alone cannot show that its newest entries were
 * deleted, that a whole chain was dropped, or that entries were rewritten with recomputed hashes: whoever can
 * write the table can rebuild it. A checkpoint records, for every chain, its head (seq and hash) at a moment,
 * signed with an Ed25519 key kept outside the database; `verify` then checks that each checkpointed entry is
 * still there with the same hash. What changed after the last checkpoint can still be hidden: checkpoint often.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { canonicalJson } from './chain';

export interface ChainAnchor {
  chain: string;
  seq: number;
  hash: string;
}

export interface Checkpoint {
  /** When it was taken (ISO). */
  at: string;
  chains: ChainAnchor[];
}

export interface SignedCheckpoint extends Checkpoint {
  /** Ed25519 signature of the canonical JSON of {at, chains}, base64. */
  signature: string;
}

const payload = (c: Checkpoint) =>
  Buffer.from(
    canonicalJson({
      at: c.at,
      chains: [...c.chains].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0)),
    }),
  );

export function signCheckpoint(checkpoint: Checkpoint, privateKeyPem: string): SignedCheckpoint {
  return { ...checkpoint, signature: sign(null, payload(checkpoint), privateKeyPem).toString('base64') };
}

export function checkpointSignatureValid(checkpoint: SignedCheckpoint, publicKeyPem: string): boolean {
  try {
    return verify(null, payload(checkpoint), publicKeyPem, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

export function generateCheckpointKeys(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Checkpoints as written to their file: one JSON object a line; unreadable lines are reported, not skipped. */
export function parseCheckpointLines(text: string): {
  checkpoints: SignedCheckpoint[];
  unreadableLines: number[];
} {
  const checkpoints: SignedCheckpoint[] = [];
  const unreadableLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const c = JSON.parse(line) as SignedCheckpoint;
      if (typeof c.at !== 'string' || !Array.isArray(c.chains) || typeof c.signature !== 'string')
        throw new Error();
      checkpoints.push(c);
    } catch {
      unreadableLines.push(i + 1);
    }
  });
  return { checkpoints, unreadableLines };
}

export type AnchorBreak =
  | { reason: 'checkpoint_signature'; at: string }
  | { reason: 'chain_missing'; chain: string; seq: number; at: string }
  | { reason: 'entry_missing'; chain: string; seq: number; at: string }
  | { reason: 'entry_rewritten'; chain: string; seq: number; at: string };

/**
 * What the stored chains contradict in a checkpoint: `hashAt(chain, seq)` gives the stored entry's hash (undefined
 * when absent), `chainExists(chain)` whether any entry of the chain is left.
 */
export function checkAgainstCheckpoint(
  checkpoint: SignedCheckpoint,
  publicKeyPem: string,
  hashAt: (chain: string, seq: number) => string | undefined,
  chainExists: (chain: string) => boolean,
): AnchorBreak[] {
  if (!checkpointSignatureValid(checkpoint, publicKeyPem))
    return [{ reason: 'checkpoint_signature', at: checkpoint.at }];
  const breaks: AnchorBreak[] = [];
  for (const anchor of checkpoint.chains) {
    if (anchor.seq === 0) continue;
    const at = checkpoint.at;
    if (!chainExists(anchor.chain))
      breaks.push({ reason: 'chain_missing', chain: anchor.chain, seq: anchor.seq, at });
    else {
      const stored = hashAt(anchor.chain, anchor.seq);
      if (stored === undefined)
        breaks.push({ reason: 'entry_missing', chain: anchor.chain, seq: anchor.seq, at });
      else if (stored !== anchor.hash)
        breaks.push({ reason: 'entry_rewritten', chain: anchor.chain, seq: anchor.seq, at });
    }
  }
  return breaks;
}
