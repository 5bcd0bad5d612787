/**
 * The lab runs as root next to whatever else the machine runs. Before it connects to an address,
 * configures or deletes a namespace or a link, it asks this guard whether it created that thing;
 * anything else is refused with an error instead of being touched.
 */

/** Raised when the lab is asked to touch something it did not create. */
export class NotOwnedError extends Error {
  constructor(kind: string, value: string, labId: string) {
    super(`refusing to touch ${kind} ${value}: guest lab ${labId} did not create it`);
    this.name = 'NotOwnedError';
  }
}

/** The addresses, namespaces and links one lab created. */
export class Guard {
  readonly #addresses = new Set<string>();
  readonly #namespaces = new Set<string>();
  readonly #links = new Set<string>();

  constructor(readonly labId: string) {}

  claimAddress(address: string): void {
    this.#addresses.add(address);
  }

  claimNamespace(name: string): void {
    this.#namespaces.add(name);
  }

  claimLink(name: string): void {
    this.#links.add(name);
  }

  /** Guest addresses only: the lab's bridge address is the host itself, never a target. */
  ownsAddress(address: string): boolean {
    return this.#addresses.has(address);
  }

  ownsNamespace(name: string): boolean {
    return this.#namespaces.has(name);
  }

  ownsLink(name: string): boolean {
    return this.#links.has(name);
  }

  assertAddress(address: string): void {
    if (!this.ownsAddress(address)) throw new NotOwnedError('address', address, this.labId);
  }

  assertNamespace(name: string): void {
    if (!this.ownsNamespace(name)) throw new NotOwnedError('namespace', name, this.labId);
  }

  assertLink(name: string): void {
    if (!this.ownsLink(name)) throw new NotOwnedError('link', name, this.labId);
  }

  get namespaces(): readonly string[] {
    return [...this.#namespaces];
  }

  get links(): readonly string[] {
    return [...this.#links];
  }

  get addresses(): readonly string[] {
    return [...this.#addresses];
  }
}
