/**
 * The peer's chain tip for many concurrent bundles with few GetChainInfo calls, never older than
 * the request: a caller shares a call only if it started after the caller asked. Callers that
 * arrive while a call is out wait for it to end and then share the next one, so under load there
 * is about one call per round trip instead of one per bundle, and a bundle still ends at a tip
 * at least as new as any checkpoint its caller fetched before asking.
 */
import type { PeerChainInfo } from './chain-queries';

export class FreshChainInfo {
  private inFlight?: Promise<PeerChainInfo>;
  private next?: Promise<PeerChainInfo>;

  constructor(private readonly ask: () => Promise<PeerChainInfo>) {}

  /** A chain info the peer answered after this call began. */
  get(): Promise<PeerChainInfo> {
    if (!this.inFlight) return this.start();
    // The call out began before this caller asked: wait for it, then share the one after it.
    this.next ??= this.inFlight.then(
      () => this.start(),
      () => this.start(),
    );
    return this.next;
  }

  private start(): Promise<PeerChainInfo> {
    this.next = undefined;
    const call = this.ask();
    this.inFlight = call;
    const clear = () => {
      if (this.inFlight === call) this.inFlight = undefined;
    };
    call.then(clear, clear);
    return call;
  }
}
