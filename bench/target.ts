// What both clients need to reach the benchmark's own sshd.
export interface Target {
  port: number;
  user: string;
  /** Private key (no passphrase) that the sshd accepts. */
  keyPath: string;
}
